package io.berth.node.net;

import io.berth.events.container.v1.ContainerNetwork;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Berth's whole nftables table ({@code ip berth}), rebuilt from the wired containers and replaced
 * atomically: outbound masquerade per bridge subnet, DNAT of published ports (also for
 * connections to the host's own addresses, 127.0.0.1 included), isolation between networks and
 * internal networks. Nothing outside this table is touched.
 */
public final class NftRules {
  public static final String TABLE = "berth";

  private NftRules() {}

  /** The nft script that replaces the table with the rules for {@code wired}. */
  public static String script(Collection<ContainerNetwork> wired) {
    Map<String, ContainerNetwork.Endpoint> bridges = new LinkedHashMap<>();
    wired.forEach(net -> net.endpoints().forEach(e -> bridges.putIfAbsent(e.bridge(), e)));
    return script(bridges.values(), wired);
  }

  /**
   * The same for a given set of bridges (one endpoint each, for its subnet and kind), which may
   * include bridges that have no container at the moment.
   */
  public static String script(Collection<ContainerNetwork.Endpoint> bridges, Collection<ContainerNetwork> wired) {
    StringBuilder ports = new StringBuilder();
    for (ContainerNetwork net : wired) {
      if (net.endpoints().isEmpty()) {
        continue;
      }
      String target = net.endpoints().get(0).ipAddress();
      for (ContainerNetwork.PublishedPort p : net.ports()) {
        ports.append("    ");
        if (p.hostIp() != null && !p.hostIp().isEmpty() && !p.hostIp().equals("0.0.0.0")) {
          ports.append("ip daddr ").append(p.hostIp()).append(' ');
        }
        ports.append(p.protocol()).append(" dport ").append(p.hostPort())
            .append(" dnat to ").append(target).append(':').append(p.containerPort()).append('\n');
      }
    }
    StringBuilder post = new StringBuilder();
    StringBuilder forward = new StringBuilder();
    for (ContainerNetwork.Endpoint e : bridges) {
      String br = quote(e.bridge());
      if (e.internal()) {
        forward.append("    iifname ").append(br).append(" oifname != ").append(br).append(" drop\n");
        forward.append("    oifname ").append(br).append(" iifname != ").append(br).append(" drop\n");
        continue;
      }
      post.append("    ip saddr ").append(e.subnet()).append(" oifname != ").append(br).append(" masquerade\n");
      // DNAT-ed connections to 127.0.0.1 leave with a loopback source: give them the bridge's.
      post.append("    ip saddr 127.0.0.0/8 oifname ").append(br).append(" masquerade\n");
      forward.append("    iifname ").append(br).append(" oifname \"berth*\" oifname != ").append(br).append(" drop\n");
    }
    return "table ip " + TABLE + " {}\n"
        + "delete table ip " + TABLE + "\n"
        + "table ip " + TABLE + " {\n"
        + "  chain prerouting {\n    type nat hook prerouting priority dstnat; policy accept;\n"
        + "    fib daddr type local jump published\n  }\n"
        + "  chain output {\n    type nat hook output priority -100; policy accept;\n"
        + "    fib daddr type local jump published\n  }\n"
        + "  chain published {\n" + ports + "  }\n"
        + "  chain postrouting {\n    type nat hook postrouting priority srcnat; policy accept;\n" + post + "  }\n"
        + "  chain forward {\n    type filter hook forward priority 0; policy accept;\n" + forward + "  }\n"
        + "}\n";
  }

  /** Removes the table (when nothing is wired any more). */
  public static String deleteScript() {
    return "table ip " + TABLE + " {}\ndelete table ip " + TABLE + "\n";
  }

  private static String quote(String name) {
    return "\"" + name + "\"";
  }
}
