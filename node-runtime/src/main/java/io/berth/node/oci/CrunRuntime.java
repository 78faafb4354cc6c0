package io.berth.node.oci;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import io.berth.node.linux.LibC;
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

  private volatile SeccompBpfCache seccomp;

  private CrunRuntime(Path executable, Path stateRoot) throws IOException {
    super("crun", executable, stateRoot);
  }

  @Override
  public void beforeCreate(String id, Path bundle) throws IOException {
    seccomp().annotate(id, bundle);
  }

  @Override
  public void afterCreate(String id, boolean created) {
    if (created) {
      seccomp().learn(id);
    } else {
      seccomp().forget(id);
    }
  }

  /**
   * What {@code crun start} does, without its process (about 20 ms per start here): open the
   * container's {@code exec.fifo} for writing, non-blocking, so it only succeeds while the
   * container's init waits on the other end; unlink it (crun reports "created" while it exists);
   * write one byte, upon which init execs the user process. Whenever that does not apply (no
   * fifo, no reader) the real verb runs and reports the error.
   */
  @Override
  public void start(String id) throws IOException {
    Path fifo = stateRoot().resolve(id).resolve("exec.fifo");
    int fd;
    try {
      fd = LibC.INSTANCE.open(fifo.toString(), LibC.O_WRONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
    } catch (LastErrorException e) {
      super.start(id);
      return;
    }
    try {
      Files.delete(fifo);
      LibC.INSTANCE.write(fd, new byte[] {'0'}, new NativeLong(1));
    } catch (IOException | LastErrorException e) {
      super.start(id);
    } finally {
      LibC.INSTANCE.close(fd);
    }
  }

  // Keyed by crun's version, which is only asked for once a container is created.
  private SeccompBpfCache seccomp() {
    SeccompBpfCache c = seccomp;
    if (c == null) {
      synchronized (this) {
        if (seccomp == null) {
          String version;
          try {
            version = version();
          } catch (IOException e) {
            version = "unknown " + executable();
          }
          seccomp = new SeccompBpfCache(stateRoot().resolveSibling("crun-seccomp"), stateRoot(), version);
        }
        c = seccomp;
      }
    }
    return c;
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
