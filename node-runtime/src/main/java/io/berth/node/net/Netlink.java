package io.berth.node.net;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

/**
 * An rtnetlink socket (the kernel interface behind {@code ip link/addr/route}), bound to the
 * network namespace it was opened in: what a container start needs, without running a process.
 * Each request waits for the kernel's acknowledgement, so an error surfaces at the call that
 * caused it. Not thread-safe: one user at a time.
 */
final class Netlink implements AutoCloseable {
  static final int AF_INET = 2;
  static final int AF_NETLINK = 16;
  static final int SOCK_RAW = 3;
  static final int NETLINK_ROUTE = 0;
  static final int ENODEV = 19;
  static final int EEXIST = 17;
  static final int IFF_UP = 1;

  private static final int NLMSG_ERROR = 2;
  private static final int RTM_NEWLINK = 16;
  private static final int RTM_DELLINK = 17;
  private static final int RTM_GETLINK = 18;
  private static final int RTM_NEWADDR = 20;
  private static final int RTM_NEWROUTE = 24;
  private static final int IFLA_ADDRESS = 1;
  private static final int IFLA_IFNAME = 3;
  private static final int IFLA_MASTER = 10;
  private static final int IFLA_LINKINFO = 18;
  private static final int IFLA_NET_NS_FD = 28;
  private static final int IFLA_INFO_KIND = 1;
  private static final int IFLA_INFO_DATA = 2;
  private static final int VETH_INFO_PEER = 1;
  private static final int IFA_ADDRESS = 1;
  private static final int IFA_LOCAL = 2;
  private static final int RTA_OIF = 4;
  private static final int RTA_GATEWAY = 5;

  private final int fd;
  private final byte[] reply = new byte[8192];
  private int seq;

  private Netlink(int fd) {
    this.fd = fd;
  }

  /** A socket in the calling thread's current network namespace. */
  static Netlink open() throws IOException {
    try {
      return new Netlink(NetLib.INSTANCE.socket(AF_NETLINK, SOCK_RAW | NetLib.O_CLOEXEC, NETLINK_ROUTE));
    } catch (LastErrorException e) {
      throw new NetlinkException("socket(AF_NETLINK)", e.getErrorCode());
    }
  }

  /** The index of link {@code name}, or -1 when there is none. */
  int index(String name) throws IOException {
    try {
      byte[] answer = request("get link " + name,
          new NetlinkMessage(RTM_GETLINK, 0).ifinfo(0, 0, 0).attr(IFLA_IFNAME, name));
      // nlmsghdr, then ifinfomsg: family(1) pad(1) type(2) index(4)
      return ByteBuffer.wrap(answer).order(ByteOrder.nativeOrder()).getInt(NetlinkMessage.HEADER + 4);
    } catch (NetlinkException e) {
      if (e.errno() == ENODEV) {
        return -1;
      }
      throw e;
    }
  }

  /** A new bridge, up. */
  void addBridge(String name) throws IOException {
    ack("add bridge " + name, new NetlinkMessage(RTM_NEWLINK, NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL)
        .ifinfo(0, IFF_UP, IFF_UP)
        .attr(IFLA_IFNAME, name)
        .begin(IFLA_LINKINFO).attr(IFLA_INFO_KIND, "bridge").end());
  }

  /**
   * A veth pair in one request: {@code hostName} here, enslaved to bridge {@code master} and up;
   * its peer {@code peerName} created directly in the namespace {@code peerNsFd} with {@code peerMac}.
   * The peer is still down: the kernel configures it before the pair is linked, and a veth
   * without its peer refuses to go up (ENOTCONN).
   */
  void addVeth(String hostName, int master, String peerName, String peerMac, int peerNsFd) throws IOException {
    NetlinkMessage m = new NetlinkMessage(RTM_NEWLINK, NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL)
        .ifinfo(0, IFF_UP, IFF_UP)
        .attr(IFLA_IFNAME, hostName)
        .attr(IFLA_MASTER, master)
        .begin(IFLA_LINKINFO).attr(IFLA_INFO_KIND, "veth")
        .begin(IFLA_INFO_DATA).begin(VETH_INFO_PEER)
        .ifinfo(0, 0, 0)
        .attr(IFLA_IFNAME, peerName)
        .attr(IFLA_NET_NS_FD, peerNsFd);
    if (peerMac != null && !peerMac.isEmpty()) {
      m.attr(IFLA_ADDRESS, mac(peerMac));
    }
    ack("add veth " + hostName, m.end().end().end());
  }

  /** Sets link {@code index} up. */
  void up(int index) throws IOException {
    ack("set link " + index + " up", new NetlinkMessage(RTM_NEWLINK, 0).ifinfo(index, IFF_UP, IFF_UP));
  }

  void addAddress(int index, String address, int prefixLen) throws IOException {
    byte[] a = ipv4(address);
    ack("add address " + address, new NetlinkMessage(RTM_NEWADDR, NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_REPLACE)
        .ifaddr(prefixLen, index).attr(IFA_LOCAL, a).attr(IFA_ADDRESS, a));
  }

  void addDefaultRoute(String gateway, int index) throws IOException {
    ack("add default route via " + gateway, new NetlinkMessage(RTM_NEWROUTE, NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL)
        .rtmsg(0).attr(RTA_GATEWAY, ipv4(gateway)).attr(RTA_OIF, index));
  }

  /** Deletes link {@code name}; false when it did not exist. */
  boolean deleteLink(String name) throws IOException {
    try {
      ack("delete link " + name, new NetlinkMessage(RTM_DELLINK, 0).ifinfo(0, 0, 0).attr(IFLA_IFNAME, name));
      return true;
    } catch (NetlinkException e) {
      if (e.errno() == ENODEV) {
        return false;
      }
      throw e;
    }
  }

  private void ack(String what, NetlinkMessage m) throws IOException {
    request(what, m);
  }

  // Sends with NLM_F_ACK set and returns the first reply that is not a success ack; throws the
  // kernel's errno on failure.
  private byte[] request(String what, NetlinkMessage m) throws IOException {
    int s = ++seq;
    byte[] out = m.bytes(s);
    ByteBuffer hdr = ByteBuffer.wrap(out).order(ByteOrder.nativeOrder());
    hdr.putShort(6, (short) (hdr.getShort(6) | NetlinkMessage.NLM_F_ACK));
    try {
      NetLib.INSTANCE.send(fd, out, new NativeLong(out.length), 0);
    } catch (LastErrorException e) {
      throw new NetlinkException(what, e.getErrorCode());
    }
    byte[] data = null;
    while (true) {
      int n;
      try {
        n = (int) NetLib.INSTANCE.recv(fd, reply, new NativeLong(reply.length), 0).longValue();
      } catch (LastErrorException e) {
        throw new NetlinkException(what, e.getErrorCode());
      }
      ByteBuffer in = ByteBuffer.wrap(reply, 0, n).order(ByteOrder.nativeOrder());
      int off = 0;
      while (off + NetlinkMessage.HEADER <= n) {
        int len = in.getInt(off);
        int type = in.getShort(off + 4) & 0xFFFF;
        int rseq = in.getInt(off + 8);
        if (len < NetlinkMessage.HEADER) {
          throw new IOException(what + ": malformed netlink reply");
        }
        if (rseq == s) {
          if (type == NLMSG_ERROR) {
            int error = in.getInt(off + NetlinkMessage.HEADER);
            if (error != 0) {
              throw new NetlinkException(what, -error);
            }
            return data;
          }
          data = java.util.Arrays.copyOfRange(reply, off, off + len);
        }
        off += NetlinkMessage.align(len);
      }
    }
  }

  static byte[] ipv4(String address) throws IOException {
    byte[] a = InetAddress.getByName(address).getAddress();
    if (a.length != 4) {
      throw new IOException("not an IPv4 address: " + address);
    }
    return a;
  }

  static byte[] mac(String mac) {
    return HexFormat.ofDelimiter(":").parseHex(mac.toLowerCase());
  }

  @Override
  public void close() {
    try {
      NetLib.INSTANCE.close(fd);
    } catch (LastErrorException e) {
      // nothing to do about a failed close
    }
  }

  /** A netlink request the kernel refused, with its errno. */
  static final class NetlinkException extends IOException {
    private final int errno;

    NetlinkException(String what, int errno) {
      super(what + ": " + NetLib.INSTANCE.strerror(errno) + " (errno " + errno + ")");
      this.errno = errno;
    }

    int errno() {
      return errno;
    }
  }
}
