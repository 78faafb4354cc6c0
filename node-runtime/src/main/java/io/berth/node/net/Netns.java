package io.berth.node.net;

import com.sun.jna.LastErrorException;
import io.berth.node.linux.LibC;
import io.berth.node.linux.Syscalls;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletableFuture;

/**
 * Named network namespaces as {@code ip netns} keeps them (a file under {@code /run/netns} with the
 * namespace bind-mounted on it, {@code /run/netns} itself a shared mount so an unmount reaches
 * every mount namespace), made without running {@code ip}. Switching namespaces is per thread:
 * it happens only on short-lived threads of its own.
 */
final class Netns {
  static final Path DIR = Path.of("/run/netns");
  private static final long MS_BIND = 4096;
  private static final long MS_REC = 16384;
  private static final long MS_SHARED = 1 << 20;

  /** A namespace opened for wiring: its fd and a netlink socket inside it. Close both after use. */
  record Handle(int fd, Netlink inside) implements AutoCloseable {
    @Override
    public void close() {
      inside.close();
      closeFd(fd);
    }
  }

  private Netns() {}

  /** Creates the named namespace {@code name} and opens it. */
  static Handle create(String name) throws IOException {
    prepareDir();
    Path file = DIR.resolve(name);
    try {
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("network namespace " + name + " already exists");
    }
    try {
      return onThread(() -> {
        NetLib.INSTANCE.unshare(NetLib.CLONE_NEWNET);
        Syscalls.mount("/proc/thread-self/ns/net", file, "none", MS_BIND, null);
        return new Handle(openFd("/proc/thread-self/ns/net"), Netlink.open());
      });
    } catch (IOException | RuntimeException e) {
      delete(name);
      throw e;
    }
  }

  /** Opens the existing named namespace {@code name}. */
  static Handle open(String name) throws IOException {
    int fd = openFd(DIR.resolve(name).toString());
    try {
      return onThread(() -> {
        NetLib.INSTANCE.setns(fd, NetLib.CLONE_NEWNET);
        return new Handle(fd, Netlink.open());
      });
    } catch (IOException | RuntimeException e) {
      closeFd(fd);
      throw e;
    }
  }

  /** Unmounts and removes the named namespace; the kernel frees it once nothing uses it. */
  static void delete(String name) {
    Path file = DIR.resolve(name);
    try {
      Syscalls.umount(file, LibC.MNT_DETACH);
    } catch (IOException e) {
      // not mounted (a failed create): only the file to remove
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // gone already, or still busy: a later reconcile removes it
    }
  }

  static boolean exists(String name) {
    return Files.exists(DIR.resolve(name));
  }

  // As `ip netns add`: /run/netns a mount point of its own, shared, so the unmount of a namespace
  // file propagates into mount namespaces created meanwhile (else they keep it alive).
  private static boolean prepared;

  private static synchronized void prepareDir() throws IOException {
    if (prepared && Files.isDirectory(DIR)) {
      return;
    }
    Files.createDirectories(DIR);
    try {
      Syscalls.mount("none", DIR, null, MS_SHARED | MS_REC, null);
    } catch (Syscalls.ErrnoException e) {
      if (e.errno() != Syscalls.EINVAL) {
        throw e;
      }
      Syscalls.mount(DIR.toString(), DIR, "none", MS_BIND | MS_REC, null);
      Syscalls.mount("none", DIR, null, MS_SHARED | MS_REC, null);
    }
    prepared = true;
  }

  @FunctionalInterface
  private interface InNamespace<T> {
    T call() throws IOException;
  }

  // Runs `work` on a thread of its own that ends with it: whatever namespace the work switched
  // the thread into ends with the thread, and no other thread of the node ever leaves the node's.
  private static <T> T onThread(InNamespace<T> work) throws IOException {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        result.complete(work.call());
      } catch (LastErrorException e) {
        result.completeExceptionally(new Netlink.NetlinkException("network namespace", e.getErrorCode()));
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }, "berth-netns");
    t.setDaemon(true);
    t.start();
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while wiring a network namespace", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("network namespace: " + e.getCause(), e.getCause());
    }
  }

  private static int openFd(String path) throws IOException {
    try {
      return NetLib.INSTANCE.open(path, NetLib.O_RDONLY | NetLib.O_CLOEXEC);
    } catch (LastErrorException e) {
      throw new IOException("open " + path + ": " + NetLib.INSTANCE.strerror(e.getErrorCode()));
    }
  }

  static void closeFd(int fd) {
    try {
      NetLib.INSTANCE.close(fd);
    } catch (LastErrorException e) {
      // nothing to do about a failed close
    }
  }

}
