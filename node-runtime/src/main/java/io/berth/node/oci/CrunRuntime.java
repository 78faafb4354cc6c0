package io.berth.node.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * crun, run directly or through a wrapper script: crun 1.8 refuses hybrid cgroup hosts whose
 * cgroup2 mount lists a controller; unless {@link HybridCgroups} could bind that controller to v1,
 * each invocation gets a private mount namespace in which that cgroup2 mount is unmounted.
 */
public final class CrunRuntime extends CliOciRuntime {
  public static final Path DEFAULT_BINARY = Path.of("/usr/bin/crun");

  private CrunRuntime(Path executable, Path stateRoot) throws IOException {
    super("crun", executable, stateRoot);
  }

  /** crun as installed: for hosts whose cgroup2 mount (if any) offers no controller. */
  public static CrunRuntime direct(Path binary, Path stateRoot) throws IOException {
    return new CrunRuntime(binary, stateRoot);
  }

  /** crun in a private mount namespace without the hybrid cgroup2 mount (the host stays untouched). */
  public static CrunRuntime withoutUnifiedMount(Path binary, Path stateRoot) throws IOException {
    return new CrunRuntime(writeWrapper(binary, stateRoot), stateRoot);
  }

  private static Path writeWrapper(Path binary, Path stateRoot) throws IOException {
    Files.createDirectories(stateRoot);
    Path wrapper = stateRoot.resolve("crun-wrapper.sh");
    String script =
        "#!/bin/sh\n"
            + "# Written by Berth node-runtime: crun in a private mount namespace without the\n"
            + "# host's hybrid cgroup2 mount, which crun 1.8 rejects.\n"
            + "exec /usr/bin/unshare --mount --propagation private /bin/sh -c"
            + " 'umount /sys/fs/cgroup/unified 2>/dev/null; exec \"$0\" \"$@\"' "
            + "'"
            + binary
            + "' \"$@\"\n";
    Path tmp = stateRoot.resolve("crun-wrapper.sh.tmp");
    Files.writeString(tmp, script);
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.move(tmp, wrapper, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return wrapper;
  }
}
