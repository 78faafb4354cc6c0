package io.berth.network.ipam;

/** Dotted-quad IPv4 addresses as unsigned 32-bit values in a long. */
public final class Ipv4 {
  private Ipv4() {}

  /** Parses {@code a.b.c.d}; {@link IllegalArgumentException} otherwise. */
  public static long parse(String s) {
    String[] parts = s.trim().split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + s);
    }
    long v = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("not an IPv4 address: " + s);
      }
      int octet = Integer.parseInt(p);
      if (octet > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + s);
      }
      v = (v << 8) | octet;
    }
    return v;
  }

  public static boolean isValid(String s) {
    try {
      parse(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public static String format(long v) {
    return ((v >> 24) & 0xFF) + "." + ((v >> 16) & 0xFF) + "." + ((v >> 8) & 0xFF) + "." + (v & 0xFF);
  }

  /** Docker's MAC for an address: {@code 02:42} followed by the four address bytes. */
  public static String macFor(long v) {
    return String.format("02:42:%02x:%02x:%02x:%02x",
        (v >> 24) & 0xFF, (v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF);
  }
}
