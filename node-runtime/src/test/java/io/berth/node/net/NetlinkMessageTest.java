package io.berth.node.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class NetlinkMessageTest {
  static ByteBuffer buf(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
  }

  @Test
  void headerCarriesLengthTypeFlagsAndSequence() {
    byte[] m = new NetlinkMessage(16, NetlinkMessage.NLM_F_CREATE).ifinfo(7, 1, 1).bytes(42);
    ByteBuffer b = buf(m);
    assertEquals(32, m.length);
    assertEquals(32, b.getInt(0), "nlmsg_len");
    assertEquals(16, b.getShort(4), "RTM_NEWLINK");
    assertEquals(NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_REQUEST, b.getShort(6));
    assertEquals(42, b.getInt(8), "sequence");
    assertEquals(7, b.getInt(16 + 4), "ifi_index");
    assertEquals(1, b.getInt(16 + 8), "ifi_flags");
  }

  @Test
  void attributesArePaddedToFourBytesAndNestsCarryTheirWholeLength() {
    byte[] m = new NetlinkMessage(16, 0).ifinfo(0, 0, 0)
        .attr(3, "eth0") // 4 + 5 bytes, padded to 12
        .begin(18).attr(1, "veth").end() // nest: 4 + (4 + 5 -> 12) = 16
        .bytes(1);
    ByteBuffer b = buf(m);
    int attr = 32;
    assertEquals(9, b.getShort(attr), "length without padding");
    assertEquals(3, b.getShort(attr + 2));
    assertArrayEquals("eth0\0".getBytes(), java.util.Arrays.copyOfRange(m, attr + 4, attr + 9));
    int nest = attr + 12;
    assertEquals(16, b.getShort(nest), "the nest spans its padded children");
    assertEquals(18, b.getShort(nest + 2));
    assertEquals(nest + 16, m.length);
    assertEquals(m.length, b.getInt(0));
  }

  @Test
  void growsForLongMessagesAndRefusesAnUnclosedNest() {
    NetlinkMessage big = new NetlinkMessage(20, 0).ifaddr(24, 3);
    for (int i = 0; i < 100; i++) {
      big.attr(1, new byte[] {10, 0, 0, (byte) i});
    }
    assertEquals(16 + 8 + 100 * 8, big.bytes(1).length);
    assertThrows(IllegalStateException.class, () -> new NetlinkMessage(16, 0).begin(18).bytes(1));
  }
}
