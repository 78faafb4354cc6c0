package io.berth.network.network;

import io.berth.network.ipam.Subnet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Docker's {@code Network} JSON (list and inspect) for a stored network and its endpoints. */
public final class NetworkViews {
  private NetworkViews() {}

  public static Map<String, Object> network(NetworkEntity n, List<EndpointEntity> endpoints) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("Subnet", n.subnet);
    if (n.ipRange != null) {
      config.put("IPRange", n.ipRange);
    }
    config.put("Gateway", n.gateway);
    Map<String, Object> ipam = new LinkedHashMap<>();
    ipam.put("Driver", "default");
    ipam.put("Options", Map.of());
    ipam.put("Config", List.of(config));

    int prefix = Subnet.parse(n.subnet).prefixLen();
    Map<String, Object> containers = new LinkedHashMap<>();
    for (EndpointEntity e : endpoints) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("Name", e.containerName);
      c.put("EndpointID", e.id);
      c.put("MacAddress", e.macAddress);
      c.put("IPv4Address", e.ipAddress + "/" + prefix);
      c.put("IPv6Address", "");
      containers.put(e.containerId, c);
    }

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("Name", n.name);
    out.put("Id", n.id);
    out.put("Created", n.createdAt.toString());
    out.put("Scope", "local");
    out.put("Driver", n.driver);
    out.put("EnableIPv6", false);
    out.put("IPAM", ipam);
    out.put("Internal", n.internal);
    out.put("Attachable", false);
    out.put("Ingress", false);
    out.put("ConfigFrom", Map.of("Network", ""));
    out.put("ConfigOnly", false);
    out.put("Containers", containers);
    out.put("Options", options(n));
    out.put("Labels", JsonColumns.map(n.labels));
    return out;
  }

  static Map<String, String> options(NetworkEntity n) {
    Map<String, String> opts = new LinkedHashMap<>(JsonColumns.map(n.options));
    if (n.isDefault) {
      opts.putIfAbsent("com.docker.network.bridge.default_bridge", "true");
      opts.putIfAbsent("com.docker.network.bridge.name", n.bridge);
    }
    return opts;
  }
}
