package io.berth.network.ipam;

import java.util.OptionalLong;
import java.util.Set;

/**
 * Chooses a free address on a network: the lowest one inside the allocation range that is neither
 * the network address, the broadcast address, the gateway nor in use. Pure; the caller holds the
 * network's lock and the database's unique constraint is the last word.
 */
public final class AddressPicker {
  private AddressPicker() {}

  public static OptionalLong pick(Subnet subnet, Subnet range, long gateway, Set<Long> used) {
    Subnet from = range == null ? subnet : range;
    long first = Math.max(from.base(), subnet.base() + 1);
    long last = Math.min(from.last(), subnet.last() - 1);
    for (long a = first; a <= last; a++) {
      if (a != gateway && !used.contains(a)) {
        return OptionalLong.of(a);
      }
    }
    return OptionalLong.empty();
  }

  /** Whether {@code addr} may be given to a container on {@code subnet}. */
  public static boolean assignable(Subnet subnet, long gateway, long addr) {
    return subnet.contains(addr) && addr != subnet.base() && addr != subnet.last() && addr != gateway;
  }
}
