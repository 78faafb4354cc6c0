package io.berth.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.events.container.v1.ContainerNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real wiring on this machine (root): bridges, veths, named netns, Berth's nftables table and the
 * embedded resolver; traffic only between the test's own namespaces. Every test checks that
 * tearing down leaves nothing behind.
 */
@Tag("privileged")
class NetworkAgentPrivilegedTest {
  static final String NET_A = "a1".repeat(32);
  static final String NET_B = "b2".repeat(32);
  final NetCommands cmd = new NetCommands();

  @TempDir Path home;
  NetworkAgent agent;

  NetworkAgent agent() throws IOException {
    Path hosts = Files.writeString(home.resolve("hosts"), "127.0.0.1 localhost\n");
    Path resolv = Files.writeString(home.resolve("resolv.conf"), "nameserver 127.0.0.1\n");
    agent = new NetworkAgent(cmd, home.resolve("net"), hosts, resolv);
    return agent;
  }

  static String id(char c) {
    return String.valueOf(c).repeat(64);
  }

  static ContainerNetwork on(String netId, String bridge, String subnet, String ip, String name, char ep, boolean dns) {
    String gw = subnet.replace("0/24", "1");
    return new ContainerNetwork("bridge", null, List.of(new ContainerNetwork.Endpoint(netId, "n", String.valueOf(ep).repeat(64),
        bridge, subnet, gw, ip, 24, "02:42:0a:d5:07:" + ip.substring(ip.lastIndexOf('.') + 1).replace("1", "0") + "1",
        List.of(name), dns, false)), List.of(new ContainerNetwork.PublishedPort("127.0.0.1", 28081, 8080, "tcp")),
        List.of(), List.of(), List.of(), List.of());
  }

  @AfterEach
  void cleanUp() {
    if (agent != null) {
      for (NetworkAgent.Wired w : agent.wired()) {
        agent.tearDown(w.containerId());
      }
    }
  }

  String inNs(String containerId, String... command) throws IOException {
    List<String> c = new java.util.ArrayList<>(List.of("ip", "netns", "exec", NetworkAgent.netnsName(containerId)));
    c.addAll(List.of(command));
    return cmd.run(c, null);
  }

  @Test
  void containersOnOneNetworkReachEachOtherByNameAndNothingStaysAfterTearDown() throws Exception {
    NetworkAgent a = agent();
    String web = id('d');
    String client = id('e');
    String other = id('f');
    Sandbox s = a.setUp(web, "web", on(NET_A, "berth-ptesta", "10.213.7.0/24", "10.213.7.2", "web", '1', true));
    assertEquals("/run/netns/" + NetworkAgent.netnsName(web), s.netnsPath());
    a.setUp(client, "client", on(NET_A, "berth-ptesta", "10.213.7.0/24", "10.213.7.3", "client", '2', true));
    a.setUp(other, "other", new ContainerNetwork("bridge", null, List.of(new ContainerNetwork.Endpoint(NET_B, "m",
        "3".repeat(64), "berth-ptestb", "10.213.8.0/24", "10.213.8.1", "10.213.8.2", 24, "02:42:0a:d5:08:02",
        List.of("other"), true, false)), List.of(), List.of(), List.of(), List.of(), List.of()));

    assertTrue(inNs(web, "ip", "-4", "addr", "show", "eth0").contains("10.213.7.2/24"));
    assertTrue(inNs(web, "ip", "route").contains("default via 10.213.7.1"));
    inNs(client, "busybox", "ping", "-c", "1", "-W", "2", "10.213.7.2");
    assertTrue(inNs(client, "busybox", "nslookup", "web", "10.213.7.1").contains("10.213.7.2"));
    // another network neither resolves nor reaches it
    assertFalse(inNs(other, "sh", "-c", "busybox nslookup web 10.213.8.1 || true").contains("10.213.7.2"));
    assertThrows(IOException.class, () -> inNs(other, "busybox", "ping", "-c", "1", "-W", "1", "10.213.7.2"));

    String table = cmd.run(List.of("nft", "list", "table", "ip", "berth"), null);
    assertTrue(table.contains("dnat to 10.213.7.2:8080"), table);
    assertEquals("1", Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip());
    assertTrue(Files.readString(home.resolve("net").resolve(web).resolve("resolv.conf")).contains("nameserver 10.213.7.1"));

    a.tearDown(client);
    assertFalse(Files.exists(Path.of("/run/netns", NetworkAgent.netnsName(client))));
    assertTrue(Files.exists(Path.of("/sys/class/net/berth-ptesta")), "still used by web");
    a.tearDown(web);
    a.tearDown(other);
    assertNothingLeft(web, client, other);
  }

  @Test
  void reconcileKeepsRunningContainersAndRemovesTheRest() throws Exception {
    NetworkAgent first = agent();
    String kept = id('a');
    String gone = id('b');
    first.setUp(kept, "kept", on(NET_A, "berth-ptesta", "10.213.7.0/24", "10.213.7.2", "kept", '4', true));
    first.setUp(gone, "gone", on(NET_B, "berth-ptestb", "10.213.8.0/24", "10.213.8.2", "gone", '5', false));
    first.onStop(null);
    // a new node-runtime after a crash: only `kept` still runs
    NetworkAgent second = agent();
    second.reconcile(Set.of(kept));
    assertTrue(Files.exists(Path.of("/run/netns", NetworkAgent.netnsName(kept))));
    assertFalse(Files.exists(Path.of("/run/netns", NetworkAgent.netnsName(gone))));
    assertFalse(Files.exists(Path.of("/sys/class/net/berth-ptestb")));
    assertTrue(cmd.run(List.of("nft", "list", "table", "ip", "berth"), null).contains("10.213.7.2"));
    assertTrue(inNs(kept, "busybox", "nslookup", "kept", "10.213.7.1").contains("10.213.7.2"), "resolver restored");
    second.tearDown(kept);
    assertNothingLeft(kept, gone);
  }

  @Test
  void aRunningContainerIsConnectedToAnotherNetworkAndDisconnectedAgain() throws Exception {
    NetworkAgent a = agent();
    String web = id('c');
    String client = id('9');
    a.setUp(web, "web", on(NET_A, "berth-ptesta", "10.213.7.0/24", "10.213.7.2", "web", '6', true));
    a.setUp(client, "client", on(NET_B, "berth-ptestb", "10.213.8.0/24", "10.213.8.2", "client", '7', true));
    assertThrows(IOException.class, () -> inNs(client, "busybox", "ping", "-c", "1", "-W", "1", "10.213.7.2"));

    ContainerNetwork.Endpoint extra = new ContainerNetwork.Endpoint(NET_A, "n", "8".repeat(64), "berth-ptesta",
        "10.213.7.0/24", "10.213.7.1", "10.213.7.9", 24, "02:42:0a:d5:07:09", List.of("client", "cli"), true, false);
    a.connect(client, extra);
    assertTrue(inNs(client, "ip", "-4", "addr", "show", "eth1").contains("10.213.7.9/24"));
    inNs(client, "busybox", "ping", "-c", "1", "-W", "2", "10.213.7.2");
    assertTrue(inNs(web, "busybox", "nslookup", "cli", "10.213.7.1").contains("10.213.7.9"), "alias resolves");
    Path hosts = home.resolve("net").resolve(client).resolve("hosts");
    assertTrue(Files.readString(hosts).contains("10.213.7.9\tclient"), Files.readString(hosts));

    assertTrue(a.disconnect(client, extra.endpointId()));
    assertFalse(Files.exists(Path.of("/sys/class/net", NetworkAgent.vethName(extra))), "veth removed");
    assertThrows(IOException.class, () -> inNs(client, "busybox", "ping", "-c", "1", "-W", "1", "10.213.7.2"));
    assertFalse(Files.readString(hosts).contains("10.213.7.9"));
    assertFalse(inNs(web, "sh", "-c", "busybox nslookup cli 10.213.7.1 || true").contains("10.213.7.9"));
    assertFalse(a.disconnect(client, extra.endpointId()), "not connected any more");
    assertTrue(inNs(client, "ip", "-4", "addr", "show", "eth0").contains("10.213.8.2/24"), "first network kept");

    a.tearDown(web);
    a.tearDown(client);
    assertNothingLeft(web, client);
  }

  @Test
  void theDefaultBridgeStaysWithoutContainersUntilNodeRuntimeStops() throws Exception {
    agent();
    String first = id('7');
    String second = id('8');
    agent.setUp(first, "one", onDefault(on(NET_A, "berth-ptesta", "10.213.7.0/24", "10.213.7.2", "one", 'a', false)));
    agent.tearDown(first);
    assertTrue(Files.exists(Path.of("/sys/class/net/berth-ptesta")), "kept for the next container");
    assertTrue(cmd.run(List.of("nft", "list", "table", "ip", "berth"), null).contains("10.213.7.0/24"));
    agent.setUp(second, "two", onDefault(on(NET_A, "berth-ptesta", "10.213.7.0/24", "10.213.7.2", "two", 'b', false)));
    inNs(second, "busybox", "ping", "-c", "1", "-W", "2", "10.213.7.1");
    agent.tearDown(second);
    agent.onStop(null); // a node-runtime that stops takes idle bridges and their rules along
    assertNothingLeft(first, second);
  }

  static ContainerNetwork onDefault(ContainerNetwork n) {
    ContainerNetwork.Endpoint e = n.endpoints().get(0);
    return new ContainerNetwork(n.mode(), null, List.of(new ContainerNetwork.Endpoint(e.networkId(), "bridge",
        e.endpointId(), e.bridge(), e.subnet(), e.gateway(), e.ipAddress(), e.prefixLen(), e.macAddress(), List.of(),
        false, false)), n.ports(), n.dns(), n.dnsSearch(), n.dnsOptions(), n.extraHosts());
  }

  void assertNothingLeft(String... containers) throws IOException {
    agent.settle();
    for (String c : containers) {
      assertFalse(Files.exists(Path.of("/run/netns", NetworkAgent.netnsName(c))), c);
    }
    assertFalse(Files.exists(Path.of("/sys/class/net/berth-ptesta")));
    assertFalse(Files.exists(Path.of("/sys/class/net/berth-ptestb")));
    assertTrue(cmd.run(List.of("ip", "-o", "link"), null).lines().noneMatch(l -> l.contains(": bv")));
    assertThrows(IOException.class, () -> cmd.run(List.of("nft", "list", "table", "ip", "berth"), null));
  }
}
