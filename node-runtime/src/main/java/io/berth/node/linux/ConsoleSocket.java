package io.berth.node.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The OCI runtime's {@code --console-socket}: a listening unix socket on which the runtime sends
 * the master end of the terminal it made for a process (one fd, SCM_RIGHTS). The JDK's unix
 * sockets cannot receive file descriptors, hence JNA.
 */
public final class ConsoleSocket implements AutoCloseable {
  private final int fd;
  private final Path path;

  private ConsoleSocket(int fd, Path path) {
    this.fd = fd;
    this.path = path;
  }

  /** Listens on {@code path} (at most 107 bytes long; an old file there is replaced). */
  public static ConsoleSocket listen(Path path) throws IOException {
    UnixAddress addr = UnixAddress.of(path.toString());
    java.nio.file.Files.deleteIfExists(path);
    int fd;
    try {
      fd = LibC.INSTANCE.socket(LibC.AF_UNIX, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0);
    } catch (LastErrorException e) {
      throw new Syscalls.ErrnoException("socket", e.getErrorCode());
    }
    try {
      LibC.INSTANCE.bind(fd, addr.memory, addr.length);
      LibC.INSTANCE.listen(fd, 1);
    } catch (LastErrorException e) {
      LibC.INSTANCE.close(fd);
      throw new Syscalls.ErrnoException("bind/listen " + path, e.getErrorCode());
    }
    return new ConsoleSocket(fd, path);
  }

  public Path path() {
    return path;
  }

  /**
   * Waits until the runtime connected and sent the terminal, and returns the master fd; gives up
   * once {@code alive} turns false (the runtime failed before it got that far).
   */
  public int receiveTerminal(java.util.function.BooleanSupplier alive) throws IOException {
    Memory pfd = new Memory(8);
    while (true) {
      pfd.setInt(0, fd);
      pfd.setShort(4, LibC.POLLIN);
      pfd.setShort(6, (short) 0);
      try {
        if (LibC.INSTANCE.poll(pfd, new NativeLong(1), 50) > 0) {
          break;
        }
      } catch (LastErrorException e) {
        if (e.getErrorCode() != 4) { // EINTR
          throw new Syscalls.ErrnoException("poll console socket", e.getErrorCode());
        }
      }
      if (!alive.getAsBoolean()) {
        throw new IOException("the runtime ended before it sent the terminal");
      }
    }
    int conn;
    try {
      conn = LibC.INSTANCE.accept4(fd, Pointer.NULL, Pointer.NULL, LibC.SOCK_CLOEXEC);
    } catch (LastErrorException e) {
      throw new Syscalls.ErrnoException("accept on console socket", e.getErrorCode());
    }
    try {
      // struct msghdr (x86_64): name 0, namelen 8, iov 16, iovlen 24, control 32, controllen 40, flags 48.
      Memory data = new Memory(4096);
      Memory iov = new Memory(16);
      iov.setPointer(0, data);
      iov.setLong(8, data.size());
      Memory control = new Memory(64); // CMSG_SPACE(sizeof(int)) = 24 is enough
      control.clear();
      Memory msg = new Memory(56);
      msg.clear();
      msg.setPointer(16, iov);
      msg.setLong(24, 1);
      msg.setPointer(32, control);
      msg.setLong(40, control.size());
      LibC.INSTANCE.recvmsg(conn, msg, 0);
      // struct cmsghdr: len 0 (size_t), level 8, type 12, data 16.
      if (msg.getLong(40) < 20 || control.getInt(8) != LibC.SOL_SOCKET || control.getInt(12) != LibC.SCM_RIGHTS) {
        throw new IOException("the runtime sent no terminal on the console socket");
      }
      return control.getInt(16);
    } catch (LastErrorException e) {
      throw new Syscalls.ErrnoException("recvmsg on console socket", e.getErrorCode());
    } finally {
      LibC.INSTANCE.close(conn);
    }
  }

  @Override
  public void close() throws IOException {
    LibC.INSTANCE.close(fd);
    java.nio.file.Files.deleteIfExists(path);
  }
}
