package io.berth.node.net;

import io.berth.events.container.v1.ContainerNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code /etc/hosts}, {@code /etc/hostname} and {@code /etc/resolv.conf} a container gets,
 * generated as Docker does: loopback and IPv6 names, {@code --add-host} entries, then the
 * container's own address; the embedded resolver on user-defined networks, else the host's
 * resolvers minus the loopback ones a container cannot reach.
 */
public final class NetworkFiles {
  private NetworkFiles() {}

  public static String hosts(String hostname, ContainerNetwork net, List<String> hostHostsFile) {
    if (ContainerNetwork.HOST.equals(net.mode())) {
      StringBuilder sb = new StringBuilder();
      hostHostsFile.forEach(l -> sb.append(l).append('\n'));
      extraHosts(net, sb);
      return sb.toString();
    }
    StringBuilder sb = new StringBuilder();
    sb.append("127.0.0.1\tlocalhost\n");
    sb.append("::1\tlocalhost ip6-localhost ip6-loopback\n");
    sb.append("fe00::0\tip6-localnet\n");
    sb.append("ff00::0\tip6-mcastprefix\n");
    sb.append("ff02::1\tip6-allnodes\n");
    sb.append("ff02::2\tip6-allrouters\n");
    extraHosts(net, sb);
    // One line per address, as Docker adds one for each network the container joins.
    for (ContainerNetwork.Endpoint e : net.endpoints()) {
      sb.append(e.ipAddress()).append('\t').append(hostname).append('\n');
    }
    return sb.toString();
  }

  private static void extraHosts(ContainerNetwork net, StringBuilder sb) {
    for (String h : net.extraHosts()) {
      int colon = h.indexOf(':');
      String name = h.substring(0, colon);
      String addr = h.substring(colon + 1);
      if (addr.equals("host-gateway")) {
        addr = net.endpoints().isEmpty() ? "127.0.0.1" : net.endpoints().get(0).gateway();
      }
      sb.append(addr).append('\t').append(name).append('\n');
    }
  }

  public static String hostname(String hostname) {
    return hostname + "\n";
  }

  /** {@code hostResolv}: the lines of the node's resolv.conf. */
  public static String resolvConf(ContainerNetwork net, List<String> hostResolv) {
    List<String> servers = new ArrayList<>();
    List<String> search = new ArrayList<>();
    List<String> options = new ArrayList<>();
    for (String line : hostResolv) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 2) {
        continue;
      }
      switch (f[0]) {
        case "nameserver" -> servers.add(f[1]);
        case "search" -> search.addAll(List.of(f).subList(1, f.length));
        case "options" -> options.addAll(List.of(f).subList(1, f.length));
        default -> { }
      }
    }
    ContainerNetwork.Endpoint dnsEndpoint = net.endpoints().stream()
        .filter(ContainerNetwork.Endpoint::embeddedDns).findFirst().orElse(null);
    if (!net.dns().isEmpty()) {
      servers = net.dns();
    } else if (dnsEndpoint != null) {
      // Berth's resolver listens on the network's gateway (Docker uses 127.0.0.11 in the netns).
      servers = List.of(dnsEndpoint.gateway());
    } else if (!ContainerNetwork.HOST.equals(net.mode())) {
      servers = servers.stream().filter(s -> !s.startsWith("127.") && !s.equals("::1")).toList();
    }
    if (!net.dnsSearch().isEmpty()) {
      search = net.dnsSearch();
    }
    if (!net.dnsOptions().isEmpty()) {
      options = net.dnsOptions();
    }
    StringBuilder sb = new StringBuilder();
    servers.forEach(s -> sb.append("nameserver ").append(s).append('\n'));
    if (!search.isEmpty()) {
      sb.append("search ").append(String.join(" ", search)).append('\n');
    }
    if (!options.isEmpty()) {
      sb.append("options ").append(String.join(" ", options)).append('\n');
    }
    return sb.toString();
  }
}
