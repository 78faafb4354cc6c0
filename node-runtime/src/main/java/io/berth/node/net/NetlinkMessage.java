package io.berth.node.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * One rtnetlink request as the kernel reads it (netlink(7), rtnetlink(7)): a 16-byte
 * {@code nlmsghdr}, the fixed family header, then 4-byte aligned attributes, some nested. All in
 * host byte order, addresses excepted (they are network order by nature).
 */
final class NetlinkMessage {
  static final int HEADER = 16;
  static final int NLM_F_REQUEST = 0x1;
  static final int NLM_F_ACK = 0x4;
  static final int NLM_F_REPLACE = 0x100;
  static final int NLM_F_EXCL = 0x200;
  static final int NLM_F_CREATE = 0x400;

  private ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
  private final Deque<Integer> nests = new ArrayDeque<>();

  NetlinkMessage(int type, int flags) {
    buf.putInt(0).putShort((short) type).putShort((short) (flags | NLM_F_REQUEST)).putInt(0).putInt(0);
  }

  /** {@code struct ifinfomsg}: family, type, index, flags, change mask. */
  NetlinkMessage ifinfo(int index, int flags, int change) {
    ensure(16);
    buf.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(index).putInt(flags).putInt(change);
    return this;
  }

  /** {@code struct ifaddrmsg} for IPv4. */
  NetlinkMessage ifaddr(int prefixLen, int index) {
    ensure(8);
    buf.put((byte) Netlink.AF_INET).put((byte) prefixLen).put((byte) 0).put((byte) 0).putInt(index);
    return this;
  }

  /** {@code struct rtmsg} for an IPv4 unicast route in the main table. */
  NetlinkMessage rtmsg(int dstLen) {
    ensure(12);
    buf.put((byte) Netlink.AF_INET).put((byte) dstLen).put((byte) 0).put((byte) 0)
        .put((byte) 254) // RT_TABLE_MAIN
        .put((byte) 3) // RTPROT_BOOT, as `ip route add`
        .put((byte) 0) // RT_SCOPE_UNIVERSE
        .put((byte) 1) // RTN_UNICAST
        .putInt(0);
    return this;
  }

  NetlinkMessage attr(int type, byte[] value) {
    int len = 4 + value.length;
    ensure(align(len));
    buf.putShort((short) len).putShort((short) type).put(value);
    pad();
    return this;
  }

  NetlinkMessage attr(int type, int value) {
    ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value);
    return attr(type, b.array());
  }

  /** A NUL-terminated string attribute (interface names, link kinds). */
  NetlinkMessage attr(int type, String value) {
    byte[] s = value.getBytes(StandardCharsets.US_ASCII);
    return attr(type, Arrays.copyOf(s, s.length + 1));
  }

  /** Opens a nested attribute; close it with {@link #end}. */
  NetlinkMessage begin(int type) {
    ensure(4);
    nests.push(buf.position());
    buf.putShort((short) 0).putShort((short) type);
    return this;
  }

  NetlinkMessage end() {
    int start = nests.pop();
    buf.putShort(start, (short) (buf.position() - start));
    return this;
  }

  /** The finished message with its length and sequence number filled in. */
  byte[] bytes(int seq) {
    if (!nests.isEmpty()) {
      throw new IllegalStateException("unclosed nested attribute");
    }
    buf.putInt(0, buf.position());
    buf.putInt(8, seq);
    return Arrays.copyOf(buf.array(), buf.position());
  }

  private void pad() {
    while (buf.position() % 4 != 0) {
      buf.put((byte) 0);
    }
  }

  private void ensure(int more) {
    if (buf.remaining() < more + 4) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + more + 4))
          .order(ByteOrder.nativeOrder());
      buf.flip();
      bigger.put(buf);
      buf = bigger;
    }
  }

  static int align(int len) {
    return (len + 3) & ~3;
  }
}
