package io.berth.node.mount;

import io.berth.node.linux.LibC;
import io.berth.node.linux.Syscalls;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Mounts and unmounts a container's overlayfs root: read-only layer snapshots below, the
 * container's own writable directory above.
 */
public final class OverlayMount {
  // The option string must fit in one page; long layer lists need shorter paths (not yet handled).
  private static final int MAX_OPTIONS = 4095;

  private OverlayMount() {}

  /**
   * Mounts {@code lowers} (topmost first, at least one) with {@code upper} and {@code work} (same
   * filesystem as upper, empty) on {@code target}.
   */
  public static void mount(List<Path> lowers, Path upper, Path work, Path target)
      throws IOException {
    if (lowers.isEmpty()) {
      throw new IllegalArgumentException("overlayfs needs at least one lower directory");
    }
    for (Path p : lowers) {
      checkOptionSafe(p);
    }
    checkOptionSafe(upper);
    checkOptionSafe(work);
    String options =
        "lowerdir="
            + lowers.stream().map(Path::toString).collect(Collectors.joining(":"))
            + ",upperdir="
            + upper
            + ",workdir="
            + work;
    if (options.length() > MAX_OPTIONS) {
      throw new IOException("overlay options exceed one page (" + lowers.size() + " layers)");
    }
    Syscalls.mount("overlay", target, "overlay", 0, options);
  }

  /** Unmounts {@code target}; when busy, detaches it lazily. Not mounted is not an error. */
  public static void unmount(Path target) throws IOException {
    try {
      Syscalls.umount(target, 0);
    } catch (Syscalls.ErrnoException e) {
      if (e.errno() == Syscalls.EINVAL || e.errno() == Syscalls.ENOENT) {
        return; // not a mount point (any more)
      }
      if (e.errno() != Syscalls.EBUSY) {
        throw e;
      }
      Syscalls.umount(target, LibC.MNT_DETACH);
    }
  }

  /** Whether {@code target} is a mount point, according to /proc/self/mountinfo. */
  public static boolean isMounted(Path target) throws IOException {
    String wanted = target.toAbsolutePath().normalize().toString();
    for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      String[] f = line.split(" ");
      if (f.length > 4 && unescape(f[4]).equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  private static String unescape(String s) {
    return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
  }

  private static void checkOptionSafe(Path p) {
    String s = p.toString();
    if (s.indexOf(',') >= 0 || s.indexOf(':') >= 0) {
      throw new IllegalArgumentException("overlay path may not contain ',' or ':': " + s);
    }
  }
}
