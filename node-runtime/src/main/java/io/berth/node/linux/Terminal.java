package io.berth.node.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import java.io.IOException;

/** The master end of a pseudo-terminal, as an fd: read, write, resize, close. */
public final class Terminal extends PolledFd {

  public Terminal(int fd) {
    super(fd, "terminal");
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
}
