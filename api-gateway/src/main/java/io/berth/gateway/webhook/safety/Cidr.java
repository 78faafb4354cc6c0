package io.berth.gateway.webhook.safety;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 network in CIDR notation ({@code 169.254.0.0/16}); a bare address is a /32 or /128. */
public record Cidr(byte[] network, int prefix, String text) {

  /** @throws IllegalArgumentException for anything but a numeric address with an optional prefix */
  public static Cidr parse(String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    String address = slash < 0 ? t : t.substring(0, slash);
    if (!address.matches("[0-9a-fA-F:.]+")) {
      // InetAddress would resolve a host name; a deny-list entry must be an address.
      throw new IllegalArgumentException("not an IP address or CIDR: " + text);
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address or CIDR: " + text, e);
    }
    int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1));
    if (prefix < 0 || prefix > bytes.length * 8) {
      throw new IllegalArgumentException("bad prefix length in " + text);
    }
    return new Cidr(bytes, prefix, t);
  }

  /** Whether {@code address} lies in this network (an IPv4 address never lies in an IPv6 one). */
  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[full] & mask) == (network[full] & mask);
  }
}
