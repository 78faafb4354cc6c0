package io.berth.node.net;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.events.EventCodec;
import io.berth.events.container.v1.ContainerNetwork;
import io.berth.node.agent.NodeConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Wires containers' network namespaces as network-service decided, and undoes it exactly: a
 * Linux bridge per network (made with its first local endpoint, removed with its last), a veth
 * pair per endpoint, addresses and the default route inside a named netns
 * ({@code /run/netns/berth-<id12>}), Berth's nftables table, the embedded resolver of each
 * user-defined network, and the container's {@code /etc} files.
 *
 * <p>What is wired is also written to {@code $BERTH_HOME/node/net/<id>/wiring.json}, so after a
 * node-runtime crash {@link #reconcile} keeps the wiring of containers that still run and removes
 * the rest. One lock for everything: wiring takes milliseconds, and the nftables table is
 * rebuilt from the whole state each time.
 */
@ApplicationScoped
public class NetworkAgent {
  private static final Logger LOG = Logger.getLogger(NetworkAgent.class);
  public static final String NETNS_PREFIX = "berth-";
  static final String VETH_PREFIX = "bv";
  private static final ObjectMapper JSON = EventCodec.mapper();

  /** One wired container, as persisted. */
  public record Wired(String containerId, String hostname, ContainerNetwork network) {}

  private final NetCommands cmd;
  private final Path dir;
  private final Path hostsFile;
  private final Path resolvFile;
  private final Map<String, Wired> wired = new LinkedHashMap<>();
  private final Map<String, DnsServer> dns = new HashMap<>();
  private final ExecutorService forwarders = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "berth-dns-forward");
    t.setDaemon(true);
    return t;
  });

  @jakarta.inject.Inject
  public NetworkAgent(NodeConfig config) {
    this(new NetCommands(), Path.of(config.home(), "node", "net"), Path.of("/etc/hosts"), Path.of("/etc/resolv.conf"));
  }

  public NetworkAgent(NetCommands cmd, Path dir, Path hostsFile, Path resolvFile) {
    this.cmd = cmd;
    this.dir = dir;
    this.hostsFile = hostsFile;
    this.resolvFile = resolvFile;
  }

  public static String netnsName(String containerId) {
    return NETNS_PREFIX + containerId.substring(0, 12);
  }

  static String vethName(ContainerNetwork.Endpoint e) {
    return VETH_PREFIX + e.endpointId().substring(0, 12);
  }

  /** Wires {@code containerId}; on failure nothing of it stays. {@code net} null = leave the spec alone. */
  public synchronized Sandbox setUp(String containerId, String hostname, ContainerNetwork net) throws IOException {
    if (net == null) {
      return Sandbox.UNCHANGED;
    }
    undo(containerId);
    Path files = dir.resolve(containerId);
    Files.createDirectories(files);
    try {
      writeFiles(files, hostname, net);
      Sandbox sandbox = switch (net.mode()) {
        case ContainerNetwork.HOST -> new Sandbox(null, true, files);
        case ContainerNetwork.NONE -> new Sandbox(null, false, files);
        case ContainerNetwork.CONTAINER -> joined(net, files);
        default -> bridged(containerId, net, files);
      };
      Wired w = new Wired(containerId, hostname, net);
      wired.put(containerId, w);
      JSON.writeValue(files.resolve("wiring.json").toFile(), w);
      if (!net.endpoints().isEmpty()) {
        applyRules(); // none, host and container: modes add no rule, so the table stays as it is
      }
      return sandbox;
    } catch (IOException | RuntimeException e) {
      tearDown(containerId);
      throw e;
    }
  }

  private Sandbox joined(ContainerNetwork net, Path files) {
    Path ns = Path.of("/run/netns", netnsName(net.joinContainerId()));
    // A container in host mode has no netns of its own: joining it means the host's.
    return Files.exists(ns) ? new Sandbox(ns.toString(), false, files) : new Sandbox(null, true, files);
  }

  private Sandbox bridged(String containerId, ContainerNetwork net, Path files) throws IOException {
    String ns = netnsName(containerId);
    for (ContainerNetwork.Endpoint e : net.endpoints()) {
      ensureBridge(e);
    }
    enableForwarding();
    cmd.run(List.of("ip", "netns", "add", ns), null);
    List<String> host = new ArrayList<>();
    List<String> inside = new ArrayList<>(List.of("link set lo up"));
    boolean routed = false;
    for (int i = 0; i < net.endpoints().size(); i++) {
      ContainerNetwork.Endpoint e = net.endpoints().get(i);
      String ifname = "eth" + i;
      host.add("link add " + vethName(e) + " type veth peer name " + ifname + " netns " + ns);
      host.add("link set " + vethName(e) + " master " + e.bridge() + " up");
      inside.add("link set " + ifname + " address " + e.macAddress());
      inside.add("addr add " + e.ipAddress() + "/" + e.prefixLen() + " dev " + ifname);
      inside.add("link set " + ifname + " up");
      if (!routed && !e.internal()) {
        inside.add("route add default via " + e.gateway() + " dev " + ifname);
        routed = true;
      }
    }
    cmd.ipBatch(null, host);
    cmd.ipBatch(ns, inside);
    return new Sandbox("/run/netns/" + ns, false, files);
  }

  private void ensureBridge(ContainerNetwork.Endpoint e) throws IOException {
    if (!Files.exists(Path.of("/sys/class/net", e.bridge()))) {
      cmd.ipBatch(null, List.of(
          "link add " + e.bridge() + " type bridge",
          "addr add " + e.gateway() + "/" + e.prefixLen() + " dev " + e.bridge(),
          "link set " + e.bridge() + " up"));
      // Lets DNAT-ed connections to 127.0.0.1 be routed out through the bridge (Docker does the same).
      Files.writeString(Path.of("/proc/sys/net/ipv4/conf", e.bridge(), "route_localnet"), "1");
    }
    if (e.embeddedDns() && !dns.containsKey(e.bridge())) {
      String bridge = e.bridge();
      dns.put(bridge, new DnsServer(InetAddress.getByName(e.gateway()), name -> lookup(bridge, name),
          upstreams(), forwarders));
    }
  }

  // The names the resolver of `bridge` answers: containers with an endpoint there, by alias.
  private synchronized List<byte[]> lookup(String bridge, String name) {
    List<byte[]> out = new ArrayList<>();
    for (Wired w : wired.values()) {
      for (ContainerNetwork.Endpoint e : w.network().endpoints()) {
        if (e.bridge().equals(bridge) && e.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(name))) {
          try {
            out.add(InetAddress.getByName(e.ipAddress()).getAddress());
          } catch (IOException ex) {
            LOG.debugf("bad address %s", e.ipAddress());
          }
        }
      }
    }
    return out.isEmpty() ? null : out;
  }

  private List<InetSocketAddress> upstreams() {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String line : readLines(resolvFile)) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 2 && f[0].equals("nameserver")) {
        out.add(new InetSocketAddress(f[1], 53));
      }
    }
    return out;
  }

  private void writeFiles(Path files, String hostname, ContainerNetwork net) throws IOException {
    Files.writeString(files.resolve("hosts"), NetworkFiles.hosts(hostname, net, readLines(hostsFile)));
    Files.writeString(files.resolve("hostname"), NetworkFiles.hostname(hostname));
    Files.writeString(files.resolve("resolv.conf"), NetworkFiles.resolvConf(net, readLines(resolvFile)));
  }

  private void enableForwarding() throws IOException {
    Path forward = Path.of("/proc/sys/net/ipv4/ip_forward");
    Path saved = dir.resolve("ip_forward.before");
    if (!Files.exists(saved)) {
      Files.createDirectories(dir);
      Files.writeString(saved, Files.readString(forward).strip());
    }
    Files.writeString(forward, "1");
  }

  /** Undoes {@code containerId}'s wiring; a container that was never wired is no error. */
  public synchronized void tearDown(String containerId) {
    Wired w = wired.remove(containerId);
    undo(containerId);
    if (w != null) {
      for (ContainerNetwork.Endpoint e : w.network().endpoints()) {
        releaseBridgeIfUnused(e.bridge());
      }
    }
    if (w == null || w.network().endpoints().isEmpty()) {
      return; // its rules are gone already (or it never had any): the table needs no rewrite
    }
    try {
      applyRules();
    } catch (IOException e) {
      LOG.warnf("cannot update Berth's nftables table: %s", e.getMessage());
    }
  }

  // Deleting the netns deletes the container ends of the veths and with them the host ends.
  private void undo(String containerId) {
    Path files = dir.resolve(containerId);
    Wired w = read(files.resolve("wiring.json"));
    if (w != null) {
      for (ContainerNetwork.Endpoint e : w.network().endpoints()) {
        if (Files.exists(Path.of("/sys/class/net", vethName(e)))) {
          cmd.quietly(List.of("ip", "link", "del", vethName(e)));
        }
      }
    }
    if (Files.exists(Path.of("/run/netns", netnsName(containerId)))) {
      cmd.quietly(List.of("ip", "netns", "del", netnsName(containerId)));
    }
    deleteTree(files);
  }

  private void releaseBridgeIfUnused(String bridge) {
    boolean used = wired.values().stream()
        .anyMatch(o -> o.network().endpoints().stream().anyMatch(e -> e.bridge().equals(bridge)));
    if (used) {
      return;
    }
    DnsServer server = dns.remove(bridge);
    if (server != null) {
      server.close();
    }
    if (Files.exists(Path.of("/sys/class/net", bridge))) {
      cmd.quietly(List.of("ip", "link", "del", bridge));
    }
  }

  private void applyRules() throws IOException {
    if (wired.values().stream().allMatch(w -> w.network().endpoints().isEmpty())) {
      cmd.run(List.of("nft", "-f", "-"), NftRules.deleteScript());
      restoreForwarding();
      return;
    }
    cmd.run(List.of("nft", "-f", "-"), NftRules.script(wired.values().stream().map(Wired::network).toList()));
  }

  private void restoreForwarding() {
    Path saved = dir.resolve("ip_forward.before");
    if (Files.exists(saved)) {
      try {
        Files.writeString(Path.of("/proc/sys/net/ipv4/ip_forward"), Files.readString(saved).strip());
        Files.delete(saved);
      } catch (IOException e) {
        LOG.warnf("cannot restore ip_forward: %s", e.getMessage());
      }
    }
  }

  /**
   * After a (re)start of node-runtime: keeps and re-registers the wiring of containers still
   * running, removes everything else Berth left (netns, veths, bridges, rules).
   */
  public synchronized void reconcile(Set<String> running) {
    wired.clear();
    List<String> stale = new ArrayList<>();
    for (Path d : list(dir)) {
      Wired w = read(d.resolve("wiring.json"));
      String id = d.getFileName().toString();
      if (w != null && running.contains(id)) {
        wired.put(id, w);
      } else if (Files.isDirectory(d)) {
        stale.add(id);
      }
    }
    stale.forEach(this::undo);
    for (Path ns : list(Path.of("/run/netns"))) {
      String name = ns.getFileName().toString();
      if (name.startsWith(NETNS_PREFIX) && wired.keySet().stream().noneMatch(id -> netnsName(id).equals(name))) {
        cmd.quietly(List.of("ip", "netns", "del", name));
      }
    }
    Set<String> bridges = new java.util.HashSet<>();
    for (Wired w : wired.values()) {
      for (ContainerNetwork.Endpoint e : w.network().endpoints()) {
        bridges.add(e.bridge());
        try {
          ensureBridge(e);
        } catch (IOException ex) {
          LOG.warnf("cannot restore bridge %s: %s", e.bridge(), ex.getMessage());
        }
      }
    }
    for (Path link : list(Path.of("/sys/class/net"))) {
      String name = link.getFileName().toString();
      if (name.startsWith("berth") && !bridges.contains(name)) {
        cmd.quietly(List.of("ip", "link", "del", name));
      }
    }
    try {
      applyRules();
    } catch (IOException e) {
      LOG.warnf("cannot rebuild Berth's nftables table: %s", e.getMessage());
    }
    LOG.infof("network wiring reconciled: %d container(s) kept, %d stale removed", wired.size(), stale.size());
  }

  /** The wired containers (for tests and diagnostics). */
  public synchronized Collection<Wired> wired() {
    return List.copyOf(wired.values());
  }

  void onStop(@Observes ShutdownEvent ev) {
    synchronized (this) {
      dns.values().forEach(DnsServer::close);
      dns.clear();
    }
    forwarders.shutdownNow();
  }

  private static Wired read(Path file) {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return JSON.readValue(file.toFile(), Wired.class);
    } catch (IOException e) {
      LOG.warnf("unreadable network state %s: %s", file, e.getMessage());
      return null;
    }
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static List<Path> list(Path d) {
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static void deleteTree(Path d) {
    if (!Files.exists(d)) {
      return;
    }
    try (Stream<Path> s = Files.walk(d)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warnf("cannot delete %s: %s", d, e.getMessage());
    }
  }
}
