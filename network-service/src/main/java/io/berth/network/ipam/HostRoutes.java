package io.berth.network.ipam;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's IPv4 routes (from {@code /proc/net/route}), which a new network's subnet must not
 * overlap. Routes through Berth's own bridges and the default route do not count. network-service
 * runs on the node it serves (one node for now), so its view of the routes is the node's.
 */
@ApplicationScoped
public class HostRoutes {
  /** Prefix of every bridge device Berth creates. */
  public static final String BRIDGE_PREFIX = "berth";
  private final Path table;

  public HostRoutes() {
    this(Path.of("/proc/net/route"));
  }

  HostRoutes(Path table) {
    this.table = table;
  }

  public List<Subnet> subnets() {
    if (!Files.isReadable(table)) {
      return List.of();
    }
    try {
      return parse(Files.readAllLines(table));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses the kernel's table: destination and mask are little-endian hex. */
  static List<Subnet> parse(List<String> lines) {
    List<Subnet> out = new ArrayList<>();
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 8 || f[0].startsWith(BRIDGE_PREFIX)) {
        continue;
      }
      long dest = Long.reverseBytes(Long.parseLong(f[1], 16) << 32) & 0xFFFFFFFFL;
      long mask = Long.reverseBytes(Long.parseLong(f[7], 16) << 32) & 0xFFFFFFFFL;
      int len = Long.bitCount(mask);
      if (len == 0) {
        continue; // the default route overlaps everything by definition
      }
      out.add(new Subnet(dest, len));
    }
    return out;
  }
}
