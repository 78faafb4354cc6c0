package io.berth.node.task;

import com.sun.jna.LastErrorException;
import io.berth.node.linux.LibC;
import io.berth.node.linux.SeqPacketSocket;
import io.berth.node.oci.ProcessStdio;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * How a client reaches a running task's stdio through its monitor (conmon), which holds the
 * terminal master or the stdin pipe, so they outlive node-runtime: the {@code attach} socket in
 * the bundle (SOCK_SEQPACKET; packets out start with conmon's pipe byte, packets in go to the
 * task's stdin), the {@code ctl} fifo ("1 rows cols" resizes the terminal), and the stdio the task
 * was started with, recorded in the bundle.
 */
public final class AttachPoint {
  static final String STDIO_FILE = "stdio";
  /** conmon's pipe numbers, the first byte of each packet it sends. */
  public static final int STDOUT_PIPE = 2;
  public static final int STDERR_PIPE = 3;
  private static final int ENXIO = 6;

  private final Path bundle;

  private AttachPoint(Path bundle) {
    this.bundle = bundle;
  }

  public static AttachPoint of(Path bundle) {
    return new AttachPoint(bundle);
  }

  /** Records how the task's stdio is set up; nothing is written for a task without -i/-t. */
  static void record(Path bundle, ProcessStdio stdio) throws IOException {
    if (stdio.interactive()) {
      Files.writeString(bundle.resolve(STDIO_FILE),
          (stdio.tty() ? "tty " : "") + (stdio.openStdin() ? "stdin " : "") + (stdio.stdinOnce() ? "once" : ""));
    }
  }

  /** The stdio the task was started with; {@link ProcessStdio#NONE} when it had no -i/-t. */
  public ProcessStdio stdio() throws IOException {
    String words;
    try {
      words = " " + Files.readString(bundle.resolve(STDIO_FILE), StandardCharsets.UTF_8).strip() + " ";
    } catch (NoSuchFileException e) {
      return ProcessStdio.NONE;
    }
    return new ProcessStdio(words.contains(" tty "), words.contains(" stdin "), words.contains(" once "), 0, 0);
  }

  /** A new client of the task's monitor: it gets the task's output from now on. */
  public SeqPacketSocket connect() throws IOException {
    return SeqPacketSocket.connect(bundle, "attach");
  }

  /** Resizes the task's terminal (the process gets SIGWINCH). */
  public void resize(int rows, int columns) throws IOException {
    byte[] line = ("1 " + rows + " " + columns + "\n").getBytes(StandardCharsets.US_ASCII);
    int fd;
    try {
      // Non-blocking: opening a fifo nobody reads (the monitor is gone) would block forever.
      fd = LibC.INSTANCE.open(bundle.resolve("ctl").toString(), LibC.O_WRONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
    } catch (LastErrorException e) {
      throw new IOException(e.getErrorCode() == ENXIO
          ? "the container's monitor is gone" : "cannot open the control fifo: errno " + e.getErrorCode());
    }
    try {
      LibC.INSTANCE.write(fd, line, new com.sun.jna.NativeLong(line.length));
    } catch (LastErrorException e) {
      throw new IOException("cannot resize the terminal: errno " + e.getErrorCode());
    } finally {
      LibC.INSTANCE.close(fd);
    }
  }
}
