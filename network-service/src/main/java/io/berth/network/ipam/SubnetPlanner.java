package io.berth.network.ipam;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picks a subnet for a network created without {@code --subnet}: Docker's default pools, the
 * /16s 172.17-31 then /20s of 192.168.0.0/16, first one free of every taken block.
 */
public final class SubnetPlanner {
  private SubnetPlanner() {}

  public static List<Subnet> candidates() {
    List<Subnet> out = new ArrayList<>();
    for (int b = 17; b <= 31; b++) {
      out.add(new Subnet(Ipv4.parse("172." + b + ".0.0"), 16));
    }
    for (int c = 0; c < 256; c += 16) {
      out.add(new Subnet(Ipv4.parse("192.168." + c + ".0"), 20));
    }
    return out;
  }

  /** {@code preferred} if free, else the first free candidate. */
  public static Optional<Subnet> pick(Subnet preferred, List<Subnet> taken) {
    List<Subnet> order = new ArrayList<>();
    if (preferred != null) {
      order.add(preferred);
    }
    order.addAll(candidates());
    return order.stream().filter(s -> taken.stream().noneMatch(s::overlaps)).findFirst();
  }
}
