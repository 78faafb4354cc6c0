package io.berth.node.task;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import io.berth.events.container.v1.ContainerLogConfig;
import io.berth.node.linux.LibC;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A container's log rotation (json-file's max-size/max-file), kept in its bundle so it outlives
 * node-runtime. conmon writes the log ({@code container.log}); rotated files are
 * {@code container.log.1} (newest) to {@code container.log.<maxFiles-1>}. With one file, conmon
 * itself cuts the log at max-size ({@code --log-size-max}); with more, {@link LogRotator} renames the
 * files and asks conmon to reopen its log through the bundle's {@code ctl} FIFO.
 */
public record LogRotation(long maxSizeBytes, int maxFiles) {
  static final String FILE = "log-rotation";
  private static final int O_WRONLY = 01;
  private static final int O_NONBLOCK = 04000;
  private static final int O_CLOEXEC = 02000000;
  private static final int ENXIO = 6;
  // conmon's control message "reopen the log files" (type 2; the two numbers are unused).
  private static final byte[] REOPEN_LOGS = "2 0 0\n".getBytes(StandardCharsets.US_ASCII);

  /** Records {@code config} in {@code bundleDir} (or removes an earlier record when null). */
  public static void write(Path bundleDir, ContainerLogConfig config) throws IOException {
    Path file = bundleDir.resolve(FILE);
    if (config == null || config.maxSizeBytes() == null) {
      Files.deleteIfExists(file);
      return;
    }
    Path tmp = bundleDir.resolve(FILE + ".tmp");
    Files.writeString(tmp, config.maxSizeBytes() + " " + Math.max(1, config.maxFiles()) + "\n");
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The rotation recorded in {@code bundleDir}, if any. */
  public static Optional<LogRotation> read(Path bundleDir) {
    try {
      String[] f = Files.readString(bundleDir.resolve(FILE)).strip().split(" ");
      return Optional.of(new LogRotation(Long.parseLong(f[0]), Integer.parseInt(f[1])));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // unreadable: the log is kept whole rather than cut wrongly
    }
  }

  /** Whether conmon cuts the log itself: json-file with max-file 1 keeps no older file. */
  public boolean byMonitor() {
    return maxFiles <= 1;
  }

  /** {@code log}'s rotated files and then {@code log} itself, oldest first (those that exist). */
  public static List<Path> files(Path log) {
    List<Path> out = new ArrayList<>();
    for (int i = 1; Files.exists(rotated(log, i)); i++) {
      out.add(0, rotated(log, i));
    }
    out.add(log);
    return out;
  }

  static Path rotated(Path log, int n) {
    return log.resolveSibling(log.getFileName() + "." + n);
  }

  /**
   * Rotates {@code log} if it reached the maximum size: shifts the rotated files up, drops the one
   * beyond max-file, renames the log to {@code .1} and has the monitor reopen it (what it writes
   * until then still lands in {@code .1}, in order). Returns whether it rotated.
   */
  boolean rotateIfFull(Path log, Path ctlFifo) throws IOException {
    if (byMonitor() || !Files.exists(log) || Files.size(log) < maxSizeBytes) {
      return false;
    }
    // The monitor is asked first whether it still runs: a log nobody writes any more stays whole
    // (Docker rotates on write too), so an exited container keeps its live log file.
    int ctl = openControl(ctlFifo);
    if (ctl < 0) {
      return false;
    }
    try {
      Files.deleteIfExists(rotated(log, maxFiles - 1));
      for (int i = maxFiles - 2; i >= 1; i--) {
        if (Files.exists(rotated(log, i))) {
          Files.move(rotated(log, i), rotated(log, i + 1), StandardCopyOption.ATOMIC_MOVE);
        }
      }
      Files.move(log, rotated(log, 1), StandardCopyOption.ATOMIC_MOVE);
      requestReopen(ctl);
    } finally {
      LibC.INSTANCE.close(ctl);
    }
    return true;
  }

  /** Whether {@code log} or any of its rotated files exists. */
  public static boolean anyExists(Path log) {
    return Files.exists(log) || Files.exists(rotated(log, 1));
  }

  // Non-blocking: with no monitor reading the FIFO (the task ended), open fails with ENXIO instead
  // of hanging; then nobody writes the log any more (-1).
  private static int openControl(Path ctlFifo) throws IOException {
    try {
      return LibC.INSTANCE.open(ctlFifo.toString(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    } catch (LastErrorException e) {
      if (e.getErrorCode() == ENXIO || !Files.exists(ctlFifo)) {
        return -1;
      }
      throw new IOException("cannot open " + ctlFifo + ": " + e.getMessage());
    }
  }

  private static void requestReopen(int fd) throws IOException {
    try {
      LibC.INSTANCE.write(fd, REOPEN_LOGS, new NativeLong(REOPEN_LOGS.length));
    } catch (LastErrorException e) {
      throw new IOException("cannot ask the monitor to reopen its log: " + e.getMessage());
    }
  }
}
