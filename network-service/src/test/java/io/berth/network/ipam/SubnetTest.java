package io.berth.network.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.error.InvalidArgumentException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubnetTest {
  @Test
  void parsesAndNormalises() {
    Subnet s = Subnet.parse("172.18.5.7/16");
    assertEquals("172.18.0.0/16", s.toString());
    assertEquals(65536, s.size());
    assertThrows(InvalidArgumentException.class, () -> Subnet.parse("172.18.0.0"));
    assertThrows(InvalidArgumentException.class, () -> Subnet.parse("300.1.1.1/8"));
    assertThrows(InvalidArgumentException.class, () -> Subnet.parse("10.0.0.0/33"));
  }

  @Test
  void overlapAndContainment() {
    Subnet a = Subnet.parse("10.1.0.0/16");
    assertTrue(a.overlaps(Subnet.parse("10.1.2.0/24")));
    assertTrue(Subnet.parse("10.0.0.0/8").overlaps(a));
    assertFalse(a.overlaps(Subnet.parse("10.2.0.0/16")));
    assertTrue(a.contains(Subnet.parse("10.1.128.0/17")));
    assertFalse(a.contains(Subnet.parse("10.0.0.0/8")));
  }

  @Test
  void picksLowestFreeAddressSkippingNetworkGatewayAndUsed() {
    Subnet s = Subnet.parse("192.168.7.0/29"); // .0 network, .7 broadcast
    long gw = Ipv4.parse("192.168.7.1");
    Set<Long> used = Set.of(Ipv4.parse("192.168.7.2"), Ipv4.parse("192.168.7.4"));
    assertEquals("192.168.7.3", Ipv4.format(AddressPicker.pick(s, null, gw, used).getAsLong()));
    Set<Long> full = Set.of(2L, 3L, 4L, 5L, 6L).stream().map(n -> s.base() + n).collect(java.util.stream.Collectors.toSet());
    assertTrue(AddressPicker.pick(s, null, gw, full).isEmpty());
  }

  @Test
  void ipRangeLimitsThePick() {
    Subnet s = Subnet.parse("10.9.0.0/16");
    long gw = Ipv4.parse("10.9.0.1");
    assertEquals("10.9.3.0", Ipv4.format(AddressPicker.pick(s, Subnet.parse("10.9.3.0/24"), gw, Set.of()).getAsLong()));
  }

  @Test
  void plannerSkipsTakenBlocksAndHonoursAFreePreference() {
    List<Subnet> taken = List.of(Subnet.parse("172.17.0.0/16"), Subnet.parse("172.18.0.0/15"));
    assertEquals("172.20.0.0/16", SubnetPlanner.pick(null, taken).orElseThrow().toString());
    assertEquals("10.50.0.0/16", SubnetPlanner.pick(Subnet.parse("10.50.0.0/16"), taken).orElseThrow().toString());
    assertEquals("172.20.0.0/16", SubnetPlanner.pick(Subnet.parse("172.17.0.0/16"), taken).orElseThrow().toString());
  }

  @Test
  void hostRoutesIgnoreDefaultRouteAndBerthBridges() {
    List<String> table = List.of(
        "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
        "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0",
        "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
        "berth0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0");
    assertEquals(List.of(Subnet.parse("192.0.2.0/24")), HostRoutes.parse(table));
  }

  @Test
  void macFollowsDockersScheme() {
    assertEquals("02:42:ac:11:00:02", Ipv4.macFor(Ipv4.parse("172.17.0.2")));
  }
}
