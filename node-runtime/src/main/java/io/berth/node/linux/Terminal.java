package io.berth.node.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import java.io.IOException;

/** The master end of a pseudo-terminal, as an fd: read, write, resize, close. */
public final class Terminal implements AutoCloseable {
  private static final int EINTR = 4;
  private static final int EIO = 5;
  private final int fd;
  private volatile boolean closed;

  public Terminal(int fd) {
    this.fd = fd;
  }

  /**
   * Reads what the terminal has, waiting at most {@code timeoutMillis}: the bytes read, an empty
   * array when nothing came in time, or null at the end (every slave end closed: EIO).
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
      byte[] buf = new byte[16 * 1024];
      int n = LibC.INSTANCE.read(fd, buf, new NativeLong(buf.length)).intValue();
      return n <= 0 ? null : java.util.Arrays.copyOf(buf, n);
    } catch (LastErrorException e) {
      if (e.getErrorCode() == EINTR) {
        return new byte[0];
      }
      if (e.getErrorCode() == EIO) {
        return null;
      }
      throw new Syscalls.ErrnoException("read terminal", e.getErrorCode());
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
          throw new Syscalls.ErrnoException("write terminal", e.getErrorCode());
        }
      }
    }
  }

  /** TIOCSWINSZ: the process gets SIGWINCH, as when a terminal window is resized. */
  public void resize(int rows, int columns) throws IOException {
    Memory ws = new Memory(8);
    ws.clear();
    ws.setShort(0, (short) rows);
    ws.setShort(2, (short) columns);
    try {
      LibC.INSTANCE.ioctl(fd, new NativeLong(LibC.TIOCSWINSZ), ws);
    } catch (LastErrorException e) {
      throw new Syscalls.ErrnoException("resize terminal", e.getErrorCode());
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
