package io.berth.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.events.container.v1.ContainerNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkFilesTest {
  static final String NET = "e8ffbe34773ffeaa782bd936e9d11a57da0dcff7a5cbae9b7d97a06fe1b7e1d7";
  static final String EP = "5e091bb8e5060ea34fd7800fca848c528c04349dcea3acca7f3aa8b2a785a1c9";

  static ContainerNetwork.Endpoint endpoint(boolean dns) {
    return new ContainerNetwork.Endpoint(NET, "app", EP, "berth-e8ffbe347", "172.18.0.0/16", "172.18.0.1",
        "172.18.0.2", 16, "02:42:ac:12:00:02", List.of("web"), dns, false);
  }

  static ContainerNetwork bridge(boolean dns, List<String> servers, List<String> extra) {
    return new ContainerNetwork("bridge", null, List.of(endpoint(dns)), List.of(), servers, List.of(), List.of(), extra);
  }

  @Test
  void hostsHasLoopbackExtraHostsAndOwnAddress() {
    String hosts = NetworkFiles.hosts("web1", bridge(true, List.of(), List.of("db:10.1.2.3", "gw:host-gateway")), List.of());
    assertTrue(hosts.startsWith("127.0.0.1\tlocalhost\n"), hosts);
    assertTrue(hosts.contains("10.1.2.3\tdb\n"), hosts);
    assertTrue(hosts.contains("172.18.0.1\tgw\n"), hosts);
    assertTrue(hosts.endsWith("172.18.0.2\tweb1\n"), hosts);
  }

  @Test
  void userNetworksUseTheEmbeddedResolverOnTheGateway() {
    List<String> host = List.of("nameserver 127.0.0.53", "nameserver 10.255.255.53", "search corp.example", "options ndots:2");
    assertEquals("nameserver 172.18.0.1\nsearch corp.example\noptions ndots:2\n",
        NetworkFiles.resolvConf(bridge(true, List.of(), List.of()), host));
  }

  @Test
  void defaultBridgeGetsTheHostsResolversWithoutLoopbackOnes() {
    List<String> host = List.of("nameserver 127.0.0.53", "nameserver 10.255.255.53");
    assertEquals("nameserver 10.255.255.53\n", NetworkFiles.resolvConf(bridge(false, List.of(), List.of()), host));
  }

  @Test
  void dnsFlagWins() {
    String resolv = NetworkFiles.resolvConf(bridge(true, List.of("9.9.9.9"), List.of()), List.of("nameserver 10.0.0.1"));
    assertEquals("nameserver 9.9.9.9\n", resolv);
    assertFalse(resolv.contains("172.18.0.1"));
  }
}
