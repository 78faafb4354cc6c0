package io.berth.network.sandbox;

import io.berth.events.container.v1.ContainerNetwork;
import io.berth.network.port.PortBindingEntity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Docker's {@code NetworkSettings} of a wired container. */
public final class NetworkSettingsView {
  private NetworkSettingsView() {}

  /**
   * @param modeName the key for {@code none}/{@code host} modes, which have no endpoint but a
   *     {@code Networks} entry in Docker
   */
  public static Map<String, Object> of(String sandboxKey, ContainerNetwork net, String modeName,
                                       List<PortBindingEntity> ports, Set<String> exposed, boolean defaultFirst) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("Bridge", "");
    out.put("SandboxID", "");
    out.put("HairpinMode", false);
    out.put("LinkLocalIPv6Address", "");
    out.put("LinkLocalIPv6PrefixLen", 0);
    out.put("Ports", ports(ports, exposed));
    out.put("SandboxKey", sandboxKey);
    out.put("SecondaryIPAddresses", null);
    out.put("SecondaryIPv6Addresses", null);
    // The legacy top-level fields describe the default bridge only, as in Docker.
    ContainerNetwork.Endpoint legacy = defaultFirst && !net.endpoints().isEmpty() ? net.endpoints().get(0) : null;
    out.put("EndpointID", legacy == null ? "" : legacy.endpointId());
    out.put("Gateway", legacy == null ? "" : legacy.gateway());
    out.put("GlobalIPv6Address", "");
    out.put("GlobalIPv6PrefixLen", 0);
    out.put("IPAddress", legacy == null ? "" : legacy.ipAddress());
    out.put("IPPrefixLen", legacy == null ? 0 : legacy.prefixLen());
    out.put("IPv6Gateway", "");
    out.put("MacAddress", legacy == null ? "" : legacy.macAddress());
    Map<String, Object> networks = new LinkedHashMap<>();
    for (ContainerNetwork.Endpoint e : net.endpoints()) {
      networks.put(e.networkName(), endpoint(e));
    }
    if (net.endpoints().isEmpty() && modeName != null) {
      networks.put(modeName, endpoint("", "", "", "", 0, "", null));
    }
    out.put("Networks", networks);
    return out;
  }

  /** One entry of {@code NetworkSettings.Networks}. */
  public static Map<String, Object> endpoint(ContainerNetwork.Endpoint e) {
    return endpoint(e.networkId(), e.endpointId(), e.gateway(), e.ipAddress(), e.prefixLen(), e.macAddress(),
        e.embeddedDns() ? e.aliases() : null);
  }

  private static Map<String, Object> endpoint(String networkId, String endpointId, String gateway, String ip,
                                              int prefixLen, String mac, List<String> aliases) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("IPAMConfig", null);
    n.put("Links", null);
    n.put("Aliases", aliases);
    n.put("NetworkID", networkId);
    n.put("EndpointID", endpointId);
    n.put("Gateway", gateway);
    n.put("IPAddress", ip);
    n.put("IPPrefixLen", prefixLen);
    n.put("IPv6Gateway", "");
    n.put("GlobalIPv6Address", "");
    n.put("GlobalIPv6PrefixLen", 0);
    n.put("MacAddress", mac);
    n.put("DriverOpts", null);
    n.put("DNSNames", aliases);
    return n;
  }

  static Map<String, Object> ports(List<PortBindingEntity> ports, Set<String> exposed) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String e : exposed) {
      out.put(e, null);
    }
    for (PortBindingEntity b : ports) {
      String key = b.containerPort + "/" + b.protocol;
      @SuppressWarnings("unchecked")
      List<Map<String, String>> list = out.get(key) instanceof List<?> l ? (List<Map<String, String>>) l : new ArrayList<>();
      Map<String, String> hb = new LinkedHashMap<>();
      hb.put("HostIp", b.hostIp.isEmpty() ? "0.0.0.0" : b.hostIp);
      hb.put("HostPort", String.valueOf(b.hostPort));
      list.add(hb);
      out.put(key, list);
    }
    return out;
  }
}
