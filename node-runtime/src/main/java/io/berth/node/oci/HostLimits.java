package io.berth.node.oci;

import io.berth.events.container.v1.ContainerSecurity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What this node's own process may hand on to a container: its hard rlimits (a runtime without
 * CAP_SYS_RESOURCE cannot raise them) and its capability bounding set.
 *
 * @param hardLimits {@code RLIMIT_*} name to hard limit, {@link RuntimeSpec.Rlimit#UNLIMITED} = none
 * @param capabilities the bounding set, {@code CAP_*} names
 */
public record HostLimits(Map<String, Long> hardLimits, Set<String> capabilities) {

  // /proc/<pid>/limits row titles, in the kernel's order (fs/proc/base.c).
  private static final Map<String, String> ROWS = Map.ofEntries(
      Map.entry("Max cpu time", "RLIMIT_CPU"), Map.entry("Max file size", "RLIMIT_FSIZE"),
      Map.entry("Max data size", "RLIMIT_DATA"), Map.entry("Max stack size", "RLIMIT_STACK"),
      Map.entry("Max core file size", "RLIMIT_CORE"), Map.entry("Max resident set", "RLIMIT_RSS"),
      Map.entry("Max processes", "RLIMIT_NPROC"), Map.entry("Max open files", "RLIMIT_NOFILE"),
      Map.entry("Max locked memory", "RLIMIT_MEMLOCK"), Map.entry("Max address space", "RLIMIT_AS"),
      Map.entry("Max file locks", "RLIMIT_LOCKS"), Map.entry("Max pending signals", "RLIMIT_SIGPENDING"),
      Map.entry("Max msgqueue size", "RLIMIT_MSGQUEUE"), Map.entry("Max nice priority", "RLIMIT_NICE"),
      Map.entry("Max realtime priority", "RLIMIT_RTPRIO"), Map.entry("Max realtime timeout", "RLIMIT_RTTIME"));

  public HostLimits {
    hardLimits = Map.copyOf(hardLimits);
    capabilities = Set.copyOf(capabilities);
  }

  /** The limits of this process. */
  public static HostLimits ofThisProcess() throws IOException {
    return new HostLimits(
        parseLimits(Files.readAllLines(Path.of("/proc/self/limits"))),
        parseBounding(Files.readAllLines(Path.of("/proc/self/status"))));
  }

  /** The hard limit for {@code rlimit} ({@code RLIMIT_NOFILE}); unknown = unlimited. */
  public long hard(String rlimit) {
    return hardLimits.getOrDefault(rlimit, RuntimeSpec.Rlimit.UNLIMITED);
  }

  static Map<String, Long> parseLimits(List<String> lines) {
    Map<String, Long> out = new HashMap<>();
    for (String line : lines) {
      for (Map.Entry<String, String> row : ROWS.entrySet()) {
        if (line.startsWith(row.getKey() + " ")) {
          String[] f = line.substring(row.getKey().length()).trim().split("\\s+");
          out.put(row.getValue(), f[1].equals("unlimited") ? RuntimeSpec.Rlimit.UNLIMITED : Long.parseLong(f[1]));
        }
      }
    }
    return out;
  }

  static Set<String> parseBounding(List<String> lines) {
    Set<String> caps = new LinkedHashSet<>();
    for (String line : lines) {
      if (line.startsWith("CapBnd:")) {
        long mask = Long.parseUnsignedLong(line.substring("CapBnd:".length()).trim(), 16);
        List<String> names = ContainerSecurity.LINUX_CAPABILITIES;
        for (int bit = 0; bit < names.size(); bit++) {
          if ((mask & (1L << bit)) != 0) {
            caps.add(names.get(bit));
          }
        }
      }
    }
    return caps;
  }
}
