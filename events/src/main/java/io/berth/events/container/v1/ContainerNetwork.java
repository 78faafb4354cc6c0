package io.berth.events.container.v1;

import io.berth.events.Collections2;
import java.util.List;

/**
 * How a container's network namespace is wired, as decided by network-service at start (the node
 * applies it as given). Optional in {@link RunContainer}: absent means a private namespace with
 * loopback only, as before networking existed.
 *
 * @param mode {@code bridge} (one namespace, one veth per endpoint), {@code none} (loopback
 *     only), {@code host} (the node's namespace) or {@code container} (join another's)
 * @param joinContainerId for {@code container} mode: the full id of the container whose namespace to join
 * @param endpoints for {@code bridge} mode: one per network, the first becomes {@code eth0}
 * @param ports published ports, DNAT-ed from the host to the first endpoint's address
 * @param dns {@code --dns} servers; empty = the embedded resolver or the host's
 * @param dnsSearch {@code --dns-search} domains
 * @param dnsOptions {@code --dns-option} entries
 * @param extraHosts {@code --add-host} entries, {@code name:address}
 */
public record ContainerNetwork(
    String mode,
    String joinContainerId,
    List<Endpoint> endpoints,
    List<PublishedPort> ports,
    List<String> dns,
    List<String> dnsSearch,
    List<String> dnsOptions,
    List<String> extraHosts) {

  public static final String BRIDGE = "bridge";
  public static final String NONE = "none";
  public static final String HOST = "host";
  public static final String CONTAINER = "container";

  public ContainerNetwork {
    endpoints = Collections2.list(endpoints);
    ports = Collections2.list(ports);
    dns = Collections2.list(dns);
    dnsSearch = Collections2.list(dnsSearch);
    dnsOptions = Collections2.list(dnsOptions);
    extraHosts = Collections2.list(extraHosts);
  }

  /**
   * One address on one bridge network.
   *
   * @param bridge the Linux bridge device on the node, e.g. {@code berth0}
   * @param subnet IPv4 CIDR of the network
   * @param prefixLen prefix length of {@code subnet}
   * @param aliases names other containers on the network resolve to this address (container name first)
   * @param embeddedDns whether the node serves name resolution for this network (user-defined networks)
   * @param internal no route out of the network (no masquerade, no gateway route)
   */
  public record Endpoint(
      String networkId,
      String networkName,
      String endpointId,
      String bridge,
      String subnet,
      String gateway,
      String ipAddress,
      int prefixLen,
      String macAddress,
      List<String> aliases,
      boolean embeddedDns,
      boolean internal) {
    public Endpoint {
      aliases = Collections2.list(aliases);
    }
  }

  /** {@code -p hostIp:hostPort:containerPort/protocol}; hostIp empty = every address. */
  public record PublishedPort(String hostIp, int hostPort, int containerPort, String protocol) {}
}
