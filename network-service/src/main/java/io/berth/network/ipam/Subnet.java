package io.berth.network.ipam;

import io.berth.common.error.InvalidArgumentException;

/**
 * An IPv4 CIDR block, e.g. {@code 172.17.0.0/16}. Addresses are unsigned 32-bit values kept in
 * a long, so comparisons need no sign tricks.
 */
public record Subnet(long base, int prefixLen) {

  public Subnet {
    if (prefixLen < 0 || prefixLen > 32) {
      throw new IllegalArgumentException("prefix length " + prefixLen);
    }
    base = base & mask(prefixLen);
  }

  /** Parses {@code a.b.c.d/n}; Docker's message when it is not one. */
  public static Subnet parse(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw new InvalidArgumentException("invalid CIDR address: " + cidr);
    }
    try {
      int len = Integer.parseInt(cidr.substring(slash + 1));
      long addr = Ipv4.parse(cidr.substring(0, slash));
      if (len < 0 || len > 32) {
        throw new NumberFormatException();
      }
      return new Subnet(addr, len);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("invalid CIDR address: " + cidr);
    }
  }

  static long mask(int len) {
    return len == 0 ? 0L : (0xFFFFFFFFL << (32 - len)) & 0xFFFFFFFFL;
  }

  public long size() {
    return 1L << (32 - prefixLen);
  }

  public long last() {
    return base + size() - 1;
  }

  public boolean contains(long addr) {
    return addr >= base && addr <= last();
  }

  public boolean contains(Subnet other) {
    return contains(other.base) && contains(other.last());
  }

  public boolean overlaps(Subnet other) {
    return base <= other.last() && other.base <= last();
  }

  /** The {@code n}-th address of the block (0 = the network address). */
  public long address(long n) {
    return base + n;
  }

  @Override
  public String toString() {
    return Ipv4.format(base) + "/" + prefixLen;
  }
}
