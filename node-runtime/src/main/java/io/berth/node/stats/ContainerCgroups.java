package io.berth.node.stats;

import io.berth.node.oci.MemoryCgroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's cgroups as the runtime made them ({@code /berth/<id>}, see MemoryCgroup): v1 has
 * one directory per controller below the mount root, v2 one unified directory. Reads only.
 */
public final class ContainerCgroups {
  private final Path mountRoot;

  public ContainerCgroups(Path mountRoot) {
    this.mountRoot = mountRoot;
  }

  /** The directory of {@code controller} for the container (v1), or the unified one (v2), if it exists. */
  public Optional<Path> dir(String containerId, String controller) {
    String rel = MemoryCgroup.pathOf(containerId).substring(1);
    Path v1 = mountRoot.resolve(controller).resolve(rel);
    if (Files.isDirectory(v1)) {
      return Optional.of(v1);
    }
    for (Path v2 : new Path[] {mountRoot.resolve(rel), mountRoot.resolve("unified").resolve(rel)}) {
      if (Files.exists(v2.resolve("cgroup.controllers"))) {
        return Optional.of(v2);
      }
    }
    return Optional.empty();
  }

  /** Whether the container's cgroups are v2 (one unified directory). */
  public boolean unified(Path dir) {
    return Files.exists(dir.resolve("cgroup.controllers"));
  }

  /** The process ids in the container's cgroup, empty when it has none. */
  public List<Long> pids(String containerId) throws IOException {
    List<Long> pids = new ArrayList<>();
    Optional<Path> dir = dir(containerId, "pids").or(() -> dir(containerId, "memory"));
    if (dir.isEmpty()) {
      return pids;
    }
    for (String line : lines(dir.get().resolve("cgroup.procs"))) {
      if (!line.isBlank()) {
        pids.add(Long.parseLong(line.strip()));
      }
    }
    return pids;
  }

  /** A file's single number; {@code fallback} when absent, "max" or empty. */
  static long number(Path file, long fallback) throws IOException {
    List<String> lines = lines(file);
    if (lines.isEmpty() || lines.get(0).isBlank() || lines.get(0).strip().equals("max")) {
      return fallback;
    }
    return Long.parseLong(lines.get(0).strip());
  }

  /** "key value" lines (memory.stat, cpu.stat, cpuacct.stat) as a map; empty when absent. */
  static Map<String, Long> keyed(Path file) throws IOException {
    Map<String, Long> map = new LinkedHashMap<>();
    for (String line : lines(file)) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 2) {
        try {
          map.put(f[0], Long.parseLong(f[1]));
        } catch (NumberFormatException e) {
          // not a counter
        }
      }
    }
    return map;
  }

  static List<String> lines(Path file) throws IOException {
    try {
      return Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }
}
