package io.berth.node.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.events.container.v1.ContainerNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

class NftRulesTest {
  @Test
  void publishedPortsMasqueradeAndIsolationLiveInBerthsOwnTable() {
    ContainerNetwork web = new ContainerNetwork("bridge", null, List.of(NetworkFilesTest.endpoint(true)),
        List.of(new ContainerNetwork.PublishedPort("127.0.0.1", 18080, 8080, "tcp"),
            new ContainerNetwork.PublishedPort("", 5353, 53, "udp")),
        List.of(), List.of(), List.of(), List.of());
    String script = NftRules.script(List.of(web));
    assertTrue(script.startsWith("table ip berth {}\ndelete table ip berth\n"), script);
    assertTrue(script.contains("ip daddr 127.0.0.1 tcp dport 18080 dnat to 172.18.0.2:8080"), script);
    assertTrue(script.contains("    udp dport 5353 dnat to 172.18.0.2:53"), script);
    assertTrue(script.contains("ip saddr 172.18.0.0/16 oifname != \"berth-e8ffbe347\" masquerade"), script);
    assertTrue(script.contains("ip saddr 127.0.0.0/8 oifname \"berth-e8ffbe347\" masquerade"), script);
    assertTrue(script.contains("iifname \"berth-e8ffbe347\" oifname \"berth*\" oifname != \"berth-e8ffbe347\" drop"), script);
    assertFalse(script.contains("table inet filter"), "never touches other tables");
  }

  @Test
  void internalNetworksAreNotMasqueradedAndCannotLeave() {
    ContainerNetwork.Endpoint e = NetworkFilesTest.endpoint(true);
    ContainerNetwork.Endpoint internal = new ContainerNetwork.Endpoint(e.networkId(), e.networkName(), e.endpointId(),
        e.bridge(), e.subnet(), e.gateway(), e.ipAddress(), e.prefixLen(), e.macAddress(), e.aliases(), true, true);
    String script = NftRules.script(List.of(new ContainerNetwork("bridge", null, List.of(internal), List.of(),
        List.of(), List.of(), List.of(), List.of())));
    assertFalse(script.contains("masquerade"), script);
    assertTrue(script.contains("iifname \"berth-e8ffbe347\" oifname != \"berth-e8ffbe347\" drop"), script);
  }
}
