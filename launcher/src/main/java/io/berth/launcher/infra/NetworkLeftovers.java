package io.berth.launcher.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * What node-runtime's network wiring may leave on the host after a crash: named netns
 * {@code berth-*}, bridges {@code berth*}, veths {@code bv*} and the nftables table
 * {@code ip berth}. {@code ./berth reset} removes them; nothing else of the host's network is
 * touched.
 */
public final class NetworkLeftovers {
  private NetworkLeftovers() {}

  /** Removes every leftover; returns how many objects were removed. */
  public static int remove() throws IOException {
    int removed = 0;
    for (String ns : names(Path.of("/run/netns"))) {
      if (ns.startsWith("berth-") && run(List.of("ip", "netns", "del", ns))) {
        removed++;
      }
    }
    for (String link : names(Path.of("/sys/class/net"))) {
      boolean berthVeth = link.startsWith("bv") && Files.exists(Path.of("/sys/class/net", link, "ifindex"))
          && isVeth(link);
      if ((link.startsWith("berth") || berthVeth) && run(List.of("ip", "link", "del", link))) {
        removed++;
      }
    }
    if (Processes.run(List.of("nft", "list", "table", "ip", "berth"), Duration.ofSeconds(10)).ok()
        && run(List.of("nft", "delete", "table", "ip", "berth"))) {
      removed++;
    }
    return removed;
  }

  private static boolean isVeth(String link) throws IOException {
    return Processes.run(List.of("ip", "-d", "link", "show", link), Duration.ofSeconds(10)).output().contains("veth");
  }

  private static boolean run(List<String> command) throws IOException {
    return Processes.run(command, Duration.ofSeconds(10)).ok();
  }

  private static List<String> names(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }
}
