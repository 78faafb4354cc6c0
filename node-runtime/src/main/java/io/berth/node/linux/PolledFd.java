package io.berth.node.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import java.io.IOException;

/**
 * A byte stream on a raw fd that the JDK cannot open (a terminal master, a SOCK_SEQPACKET socket):
 * reads wait at most a given time, so the reading thread can notice when to stop.
 */
public class PolledFd implements AutoCloseable {
  private static final int EINTR = 4;
  private static final int EIO = 5;
  // A SOCK_SEQPACKET read truncates a packet larger than the buffer: stay above conmon's 8 KiB.
  private static final int READ_BUFFER = 64 * 1024;

  protected final int fd;
  private final String what;
  private volatile boolean closed;

  protected PolledFd(int fd, String what) {
    this.fd = fd;
    this.what = what;
  }

  /**
   * Reads what the fd has, waiting at most {@code timeoutMillis}: the bytes read, an empty array
   * when nothing came in time, or null at the end (EOF, or EIO once every terminal slave closed).
   */
  public byte[] read(int timeoutMillis) throws IOException {
    Memory pfd = new Memory(8);
    pfd.setInt(0, fd);
    pfd.setShort(4, LibC.POLLIN);
    pfd.setShort(6, (short) 0);
    try {
      if (LibC.INSTANCE.poll(pfd, new NativeLong(1), timeoutMillis) == 0) {
        return new byte[0];
      }
      byte[] buf = new byte[READ_BUFFER];
      int n = LibC.INSTANCE.read(fd, buf, new NativeLong(buf.length)).intValue();
      return n <= 0 ? null : java.util.Arrays.copyOf(buf, n);
    } catch (LastErrorException e) {
      if (e.getErrorCode() == EINTR) {
        return new byte[0];
      }
      if (e.getErrorCode() == EIO) {
        return null;
      }
      throw new Syscalls.ErrnoException("read " + what, e.getErrorCode());
    }
  }

  public void write(byte[] bytes) throws IOException {
    int off = 0;
    while (off < bytes.length) {
      byte[] rest = off == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, off, bytes.length);
      try {
        off += LibC.INSTANCE.write(fd, rest, new NativeLong(rest.length)).intValue();
      } catch (LastErrorException e) {
        if (e.getErrorCode() != EINTR) {
          throw new Syscalls.ErrnoException("write " + what, e.getErrorCode());
        }
      }
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      LibC.INSTANCE.close(fd);
    }
  }
}
