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
 * rebuilt from the whole state each time it changes.
 *
 * <p>The start and exit path runs no process: namespaces, links, addresses and routes are made
 * over netlink ({@link Netlink}, {@link Netns}), and {@code nft} runs only when the table's
 * content changes. The default bridge stays while node-runtime runs, as Docker keeps docker0, so
 * containers started one after another on it do not re-create the bridge and its rules each
 * time; a user-defined network's bridge goes with its last endpoint here (its subnet may be
 * given to a new network right after).
 */
@ApplicationScoped
public class NetworkAgent {
  private static final Logger LOG = Logger.getLogger(NetworkAgent.class);
  public static final String NETNS_PREFIX = "berth-";
  static final String VETH_PREFIX = "bv";
  /** Docker's name of the default bridge network. */
  static final String DEFAULT_NETWORK = "bridge";
  private static final ObjectMapper JSON = EventCodec.mapper();

  /**
   * One wired container, as persisted. {@code ifnames}: the interface name of each endpoint in
   * the container (by endpoint id), since endpoints come and go while it runs; null in state
   * written before, where the i-th endpoint is {@code eth<i>}.
   */
  public record Wired(String containerId, String hostname, ContainerNetwork network, Map<String, String> ifnames) {
    String ifname(ContainerNetwork.Endpoint e) {
      String name = ifnames == null ? null : ifnames.get(e.endpointId());
      return name != null ? name : "eth" + network.endpoints().indexOf(e);
    }

    Wired with(ContainerNetwork net, Map<String, String> names) {
      return new Wired(containerId, hostname, net, names);
    }
  }

  private final NetCommands cmd;
  private final Path dir;
  private final Path hostsFile;
  private final Path resolvFile;
  private final Map<String, Wired> wired = new LinkedHashMap<>();
  private final Map<String, DnsServer> dns = new HashMap<>();
  /** Bridges Berth made on this node, with one of their endpoints (for subnet and kind). */
  private final Map<String, ContainerNetwork.Endpoint> bridges = new LinkedHashMap<>();
  private final Links links = new Links();
  /** The nft script last applied; null = unknown, apply the next one whatever it is. */
  private String appliedRules;
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
    return Links.vethName(e);
  }

  /** Wires {@code containerId}; on failure nothing of it stays. {@code net} null = leave the spec alone. */
  public synchronized Sandbox setUp(String containerId, String hostname, ContainerNetwork net) throws IOException {
    if (net == null) {
      return Sandbox.UNCHANGED;
    }
    long t0 = System.nanoTime();
    undo(containerId, false);
    Path files = dir.resolve(containerId);
    Files.createDirectories(files);
    try {
      Map<String, String> ifnames = new LinkedHashMap<>();
      for (int i = 0; i < net.endpoints().size(); i++) {
        ifnames.put(net.endpoints().get(i).endpointId(), "eth" + i);
      }
      Wired w = new Wired(containerId, hostname, net, ifnames);
      writeFiles(files, w);
      long t1 = System.nanoTime();
      Sandbox sandbox = switch (net.mode()) {
        case ContainerNetwork.HOST -> new Sandbox(null, true, files);
        case ContainerNetwork.NONE -> new Sandbox(null, false, files);
        case ContainerNetwork.CONTAINER -> joined(net, files);
        default -> bridged(w, files);
      };
      long t2 = System.nanoTime();
      wired.put(containerId, w);
      persist(w);
      boolean ruled = applyRules();
      if (LOG.isDebugEnabled()) {
        LOG.debugf("wired %s (%s): files %d us, netns+links %d us, state+rules %d us%s", containerId, net.mode(),
            (t1 - t0) / 1000, (t2 - t1) / 1000, (System.nanoTime() - t2) / 1000, ruled ? " (nft ran)" : "");
      }
      return sandbox;
    } catch (IOException | RuntimeException e) {
      tearDown(containerId);
      net.endpoints().forEach(ep -> releaseBridgeIfUnused(ep.bridge()));
      throw e;
    }
  }

  private Sandbox joined(ContainerNetwork net, Path files) {
    Path ns = Netns.DIR.resolve(netnsName(net.joinContainerId()));
    // A container in host mode has no netns of its own: joining it means the host's.
    return Files.exists(ns) ? new Sandbox(ns.toString(), false, files) : new Sandbox(null, true, files);
  }

  private Sandbox bridged(Wired w, Path files) throws IOException {
    String ns = netnsName(w.containerId());
    for (ContainerNetwork.Endpoint e : w.network().endpoints()) {
      ensureBridge(e);
    }
    enableForwarding();
    try (Netns.Handle handle = Netns.create(ns)) {
      Links.loopbackUp(handle);
      boolean routed = false;
      for (ContainerNetwork.Endpoint e : w.network().endpoints()) {
        links.plug(handle, e, w.ifname(e), !routed && !e.internal());
        routed |= !e.internal();
      }
    } catch (IOException | RuntimeException ex) {
      // Not persisted yet, so tearDown would not know these veths.
      w.network().endpoints().forEach(links::unplug);
      throw ex;
    }
    return new Sandbox(Netns.DIR.resolve(ns).toString(), false, files);
  }

  private void ensureBridge(ContainerNetwork.Endpoint e) throws IOException {
    bridges.putIfAbsent(e.bridge(), e);
    links.ensureBridge(e);
    if (e.embeddedDns() && !dns.containsKey(e.bridge())) {
      String bridge = e.bridge();
      dns.put(bridge, new DnsServer(InetAddress.getByName(e.gateway()), name -> lookup(bridge, name),
          upstreams(), forwarders));
    }
  }

  /**
   * {@code docker network connect} of a running container: one more veth into its namespace, the
   * address on it, its name on the network's resolver, a line in its {@code /etc/hosts}.
   *
   * @throws IllegalStateException when the container is not wired here with a namespace of its own
   */
  public synchronized void connect(String containerId, ContainerNetwork.Endpoint e) throws IOException {
    Wired w = bridgedOrThrow(containerId);
    if (w.network().endpoints().stream().anyMatch(o -> o.endpointId().equals(e.endpointId()))) {
      return; // repeated request
    }
    Set<String> taken = new java.util.HashSet<>();
    w.network().endpoints().forEach(o -> taken.add(w.ifname(o)));
    String ifname = "eth0";
    for (int i = 1; taken.contains(ifname); i++) {
      ifname = "eth" + i;
    }
    ensureBridge(e);
    enableForwarding();
    boolean route = !e.internal() && w.network().endpoints().stream().allMatch(ContainerNetwork.Endpoint::internal);
    try (Netns.Handle handle = Netns.open(netnsName(containerId))) {
      links.plug(handle, e, ifname, route);
    } catch (IOException | RuntimeException ex) {
      links.unplug(e);
      releaseBridgeIfUnused(e.bridge());
      throw ex;
    }
    List<ContainerNetwork.Endpoint> eps = new ArrayList<>(w.network().endpoints());
    eps.add(e);
    Map<String, String> names = new LinkedHashMap<>();
    w.network().endpoints().forEach(o -> names.put(o.endpointId(), w.ifname(o)));
    names.put(e.endpointId(), ifname);
    replace(w.with(withEndpoints(w.network(), eps), names));
  }

  /** {@code docker network disconnect} of a running container; false when it had no such endpoint. */
  public synchronized boolean disconnect(String containerId, String endpointId) throws IOException {
    Wired w = bridgedOrThrow(containerId);
    ContainerNetwork.Endpoint gone = w.network().endpoints().stream()
        .filter(o -> o.endpointId().equals(endpointId)).findFirst().orElse(null);
    if (gone == null) {
      return false;
    }
    links.unplug(gone);
    List<ContainerNetwork.Endpoint> eps = new ArrayList<>(w.network().endpoints());
    eps.remove(gone);
    Map<String, String> names = new LinkedHashMap<>();
    eps.forEach(o -> names.put(o.endpointId(), w.ifname(o)));
    replace(w.with(withEndpoints(w.network(), eps), names));
    releaseBridgeIfUnused(gone.bridge());
    return true;
  }

  private Wired bridgedOrThrow(String containerId) {
    Wired w = wired.get(containerId);
    if (w == null || !ContainerNetwork.BRIDGE.equals(w.network().mode()) || !Netns.exists(netnsName(containerId))) {
      throw new IllegalStateException("container " + containerId + " is not running with a network namespace of its own on this node");
    }
    return w;
  }

  // The container's /etc files are rewritten in place: they are bind-mounted into it by inode.
  private void replace(Wired now) throws IOException {
    wired.put(now.containerId(), now);
    persist(now);
    writeFiles(dir.resolve(now.containerId()), now);
    applyRules();
  }

  private static ContainerNetwork withEndpoints(ContainerNetwork n, List<ContainerNetwork.Endpoint> eps) {
    return new ContainerNetwork(n.mode(), n.joinContainerId(), eps, n.ports(), n.dns(), n.dnsSearch(), n.dnsOptions(),
        n.extraHosts());
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

  private void writeFiles(Path files, Wired w) throws IOException {
    Files.writeString(files.resolve("hosts"), NetworkFiles.hosts(w.hostname(), w.network(), readLines(hostsFile)));
    Files.writeString(files.resolve("hostname"), NetworkFiles.hostname(w.hostname()));
    Files.writeString(files.resolve("resolv.conf"), NetworkFiles.resolvConf(w.network(), readLines(resolvFile)));
  }

  private void persist(Wired w) throws IOException {
    Path file = dir.resolve(w.containerId()).resolve("wiring.json");
    Path tmp = file.resolveSibling("wiring.json.tmp");
    JSON.writeValue(tmp.toFile(), w);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
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
    long t0 = System.nanoTime();
    Wired w = wired.remove(containerId);
    undo(containerId, true);
    if (w != null) {
      for (ContainerNetwork.Endpoint e : w.network().endpoints()) {
        releaseBridgeIfUnused(e.bridge());
      }
    }
    boolean ruled = false;
    try {
      ruled = applyRules();
    } catch (IOException e) {
      LOG.warnf("cannot update Berth's nftables table: %s", e.getMessage());
    }
    if (w != null && LOG.isDebugEnabled()) {
      LOG.debugf("unwired %s in %d us%s", containerId, (System.nanoTime() - t0) / 1000, ruled ? " (nft ran)" : "");
    }
  }

  // Deleting the host end of a veth deletes both ends at once; deleting the netns alone would
  // leave that to the kernel's asynchronous namespace cleanup.
  private void undo(String containerId, boolean later) {
    Path files = dir.resolve(containerId);
    Wired w = read(files.resolve("wiring.json"));
    if (w != null && later) {
      links.unplugLater(w.network().endpoints());
    } else if (w != null) {
      w.network().endpoints().forEach(links::unplug);
    }
    if (Netns.exists(netnsName(containerId))) {
      Netns.delete(netnsName(containerId));
    }
    deleteTree(files);
  }

  /** Waits until the veths of containers already torn down are gone. */
  void settle() {
    links.settle();
  }

  // A bridge without endpoints goes, the default one excepted.
  private void releaseBridgeIfUnused(String bridge) {
    ContainerNetwork.Endpoint e = bridges.get(bridge);
    if (inUse(bridge) || e != null && DEFAULT_NETWORK.equals(e.networkName())) {
      return;
    }
    releaseBridge(bridge);
  }

  private boolean inUse(String bridge) {
    return wired.values().stream()
        .anyMatch(o -> o.network().endpoints().stream().anyMatch(e -> e.bridge().equals(bridge)));
  }

  private void releaseBridge(String bridge) {
    bridges.remove(bridge);
    DnsServer server = dns.remove(bridge);
    if (server != null) {
      server.close();
    }
    links.delete(bridge);
  }

  /** Brings the nftables table in line with the state; true when {@code nft} had to run. */
  private boolean applyRules() throws IOException {
    boolean empty = bridges.isEmpty() && wired.values().stream().allMatch(w -> w.network().endpoints().isEmpty());
    String script = empty ? NftRules.deleteScript()
        : NftRules.script(bridges.values(), wired.values().stream().map(Wired::network).toList());
    if (script.equals(appliedRules)) {
      return false;
    }
    appliedRules = null;
    cmd.run(List.of("nft", "-f", "-"), script);
    appliedRules = script;
    if (empty) {
      restoreForwarding();
    }
    return true;
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
    bridges.clear();
    appliedRules = null;
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
    links.settle();
    stale.forEach(id -> undo(id, false));
    for (Path ns : list(Netns.DIR)) {
      String name = ns.getFileName().toString();
      if (name.startsWith(NETNS_PREFIX) && wired.keySet().stream().noneMatch(id -> netnsName(id).equals(name))) {
        Netns.delete(name);
      }
    }
    for (Wired w : wired.values()) {
      for (ContainerNetwork.Endpoint e : w.network().endpoints()) {
        try {
          ensureBridge(e);
        } catch (IOException ex) {
          LOG.warnf("cannot restore bridge %s: %s", e.bridge(), ex.getMessage());
        }
      }
    }
    for (Path link : list(Path.of("/sys/class/net"))) {
      String name = link.getFileName().toString();
      if (name.startsWith("berth") && !bridges.containsKey(name)) {
        links.delete(name);
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

  /**
   * Bridges without endpoints (the default one) go now, with their rules; the wiring of
   * containers that keep running stays (reconciled at the next start).
   */
  void onStop(@Observes ShutdownEvent ev) {
    synchronized (this) {
      for (String bridge : List.copyOf(bridges.keySet())) {
        if (!inUse(bridge)) {
          releaseBridge(bridge);
        }
      }
      try {
        applyRules();
      } catch (IOException e) {
        LOG.warnf("cannot update Berth's nftables table: %s", e.getMessage());
      }
      dns.values().forEach(DnsServer::close);
      dns.clear();
      links.close();
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
