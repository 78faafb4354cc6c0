package io.berth.node.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a container's memory cgroup (v1 {@code memory/<path>}, or v2 {@code <path>}) for OOM
 * kills. Read after the task exited but before the runtime deletes the container, which removes
 * the cgroup.
 */
public final class MemoryCgroup {
  public static final Path DEFAULT_ROOT = Path.of("/sys/fs/cgroup");

  private final Path root;

  /** {@code root}: where the cgroup filesystems are mounted, normally /sys/fs/cgroup. */
  public MemoryCgroup(Path root) {
    this.root = root;
  }

  /**
   * The cgroup path the spec gives a container (see {@link SpecBuilder}). Absolute: runc reads a
   * relative path below its own process's cgroup, crun below the root; absolute means the same
   * place for both, {@code <controller>/berth/<id>}.
   */
  public static String pathOf(String containerId) {
    return "/berth/" + containerId;
  }

  /**
   * Whether the kernel's OOM killer killed a process of the container: v1's {@code
   * memory.oom_control} "oom_kill" counter (kernel 4.13+), v2's {@code memory.events} "oom_kill". False when there is no cgroup.
   */
  public boolean oomKilled(String containerId) {
    String path = pathOf(containerId).substring(1);
    try {
      Path v1 = root.resolve("memory").resolve(path);
      if (Files.isDirectory(v1)) {
        return counter(v1.resolve("memory.oom_control"), "oom_kill") > 0;
      }
      for (Path v2 : new Path[] {root.resolve(path), root.resolve("unified").resolve(path)}) {
        if (Files.exists(v2.resolve("memory.events"))) {
          return counter(v2.resolve("memory.events"), "oom_kill") > 0;
        }
      }
    } catch (IOException e) {
      return false; // the cgroup went away: nothing to tell
    }
    return false;
  }

  // "key value" lines, as in memory.oom_control and memory.events; absent key = 0.
  static long counter(Path file, String key) throws IOException {
    try {
      for (String line : Files.readAllLines(file)) {
        String[] f = line.trim().split("\\s+");
        if (f.length == 2 && f[0].equals(key)) {
          return Long.parseLong(f[1]);
        }
      }
    } catch (NoSuchFileException e) {
      return 0;
    }
    return 0;
  }
}
