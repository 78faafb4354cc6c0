package io.berth.launcher.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** Small helpers around OS processes: running commands, pid files, stopping by pid. */
public final class Processes {
  private Processes() {}

  /** The result of a finished command: exit code and its combined output. */
  public record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs a command to completion (stdout and stderr merged), failing after the timeout. */
  public static Result run(List<String> command, Duration timeout) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    // Read on this thread: the commands we run print little, and reading prevents pipe stalls.
    StringBuilder out = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException ignored) {
                // the process went away; what we read so far is all we get
              }
            });
    reader.setDaemon(true);
    reader.start();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out after " + timeout.toSeconds() + "s: " + String.join(" ", command));
      }
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
    synchronized (out) {
      return new Result(p.exitValue(), out.toString());
    }
  }

  /** Runs a command and throws with its output when it fails. */
  public static String runChecked(List<String> command, Duration timeout) throws IOException {
    Result r = run(command, timeout);
    if (!r.ok()) {
      throw new IOException(
          "command failed (exit " + r.exitCode() + "): " + String.join(" ", command) + "\n" + r.output().strip());
    }
    return r.output();
  }

  /** True when this JVM runs as uid 0. */
  public static boolean isRoot() {
    try {
      return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    } catch (Throwable t) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /** Prefixes a command with {@code runuser -u user --} when we are root. */
  public static List<String> asUser(String user, List<String> command) {
    if (!isRoot()) {
      return command;
    }
    List<String> c = new ArrayList<>(List.of("runuser", "-u", user, "--"));
    c.addAll(command);
    return c;
  }

  /** Reads the first line of a pid file as a pid; empty when missing or unreadable. */
  public static OptionalLong readPid(Path pidFile) {
    try {
      if (!Files.isRegularFile(pidFile)) {
        return OptionalLong.empty();
      }
      List<String> lines = Files.readAllLines(pidFile);
      return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).strip()));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  public static void writePid(Path pidFile, long pid) throws IOException {
    Files.createDirectories(pidFile.getParent());
    Files.writeString(pidFile, pid + "\n");
  }

  /** The live process with this pid whose command line contains {@code marker}, if any. */
  public static Optional<ProcessHandle> live(long pid, String marker) {
    Optional<ProcessHandle> h = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (h.isEmpty() || marker == null) {
      return h;
    }
    // Guards against a recycled pid: only a process that still looks like ours counts.
    return cmdline(pid).contains(marker) ? h : Optional.empty();
  }

  /** The command line of a process from /proc, arguments joined by spaces ("" if gone). */
  public static String cmdline(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
    } catch (IOException e) {
      return "";
    }
  }

  /** Sends SIGTERM, waits up to {@code grace}, then SIGKILL. Returns true if it was running. */
  public static boolean stop(ProcessHandle h, Duration grace) {
    if (!h.isAlive()) {
      return false;
    }
    h.destroy();
    if (!awaitExit(h, grace)) {
      h.destroyForcibly();
      awaitExit(h, Duration.ofSeconds(5));
    }
    return true;
  }

  /** Waits until the process is gone; works for processes that are not our children too. */
  public static boolean awaitExit(ProcessHandle h, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (h.isAlive() && System.nanoTime() < deadline) {
      sleep(50);
    }
    return !h.isAlive();
  }

  /** Resident set size of a process in KiB from /proc, or -1. */
  public static long rssKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException ignored) {
      // gone or unreadable
    }
    return -1;
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
