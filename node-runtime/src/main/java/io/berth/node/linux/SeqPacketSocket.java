package io.berth.node.linux;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A connected unix SOCK_SEQPACKET socket (conmon's attach socket is one; the JDK has only stream
 * and datagram unix sockets). Each read returns one packet, each write sends one.
 */
public final class SeqPacketSocket extends PolledFd {

  private SeqPacketSocket(int fd) {
    super(fd, "seqpacket socket");
  }

  /**
   * Connects to the socket {@code name} in {@code dir}. The address goes through
   * {@code /proc/self/fd/<dir fd>/name}, so a deep directory (a bundle) cannot exceed the 108
   * bytes a socket address may have.
   */
  public static SeqPacketSocket connect(Path dir, String name) throws IOException {
    int dirFd;
    try {
      dirFd = LibC.INSTANCE.open(dir.toString(), LibC.O_PATH | LibC.O_CLOEXEC);
    } catch (LastErrorException e) {
      throw new Syscalls.ErrnoException("open " + dir, e.getErrorCode());
    }
    try {
      UnixAddress addr = UnixAddress.of("/proc/self/fd/" + dirFd + "/" + name);
      int fd;
      try {
        fd = LibC.INSTANCE.socket(LibC.AF_UNIX, LibC.SOCK_SEQPACKET | LibC.SOCK_CLOEXEC, 0);
      } catch (LastErrorException e) {
        throw new Syscalls.ErrnoException("socket", e.getErrorCode());
      }
      try {
        LibC.INSTANCE.connect(fd, addr.memory, addr.length);
      } catch (LastErrorException e) {
        LibC.INSTANCE.close(fd);
        throw new Syscalls.ErrnoException("connect " + dir.resolve(name), e.getErrorCode());
      }
      return new SeqPacketSocket(fd);
    } finally {
      LibC.INSTANCE.close(dirFd);
    }
  }

  /** Ends this side's output; the peer reads end-of-file and can still send. */
  public void shutdownOutput() throws IOException {
    try {
      LibC.INSTANCE.shutdown(fd, LibC.SHUT_WR);
    } catch (LastErrorException e) {
      throw new Syscalls.ErrnoException("shutdown", e.getErrorCode());
    }
  }
}
