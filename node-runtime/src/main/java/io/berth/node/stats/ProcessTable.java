package io.berth.node.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code docker top}: runs the host's {@code ps} with the client's arguments (default {@code -ef})
 * and keeps the lines of the container's processes, as dockerd does, so every ps option works and
 * the columns are the ones users know.
 */
public final class ProcessTable {
  public static final String DEFAULT_ARGS = "-ef";

  /** Docker's ContainerTopOKBody. */
  public record Top(List<String> titles, List<List<String>> processes) {}

  /** ps failed or its output had no PID column. */
  public static final class PsException extends IOException {
    PsException(String message) {
      super(message);
    }
  }

  private ProcessTable() {}

  public static Top top(String psArgs, Collection<Long> pids) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("ps");
    String args = psArgs == null || psArgs.isBlank() ? DEFAULT_ARGS : psArgs;
    cmd.addAll(Arrays.asList(args.trim().split("\\s+")));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out;
    try {
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new PsException("Error running ps: timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new PsException("Error running ps: exit status " + p.exitValue() + ": " + out.strip());
    }
    return parse(out, pids);
  }

  /** Keeps the header and the lines whose PID is one of {@code pids} (plus their thread lines). */
  static Top parse(String output, Collection<Long> pids) throws PsException {
    String[] lines = output.split("\n");
    List<String> titles = Arrays.asList(lines[0].trim().split("\\s+"));
    int pidColumn = titles.indexOf("PID");
    if (pidColumn < 0) {
      throw new PsException("Couldn't find PID field in ps output");
    }
    List<List<String>> processes = new ArrayList<>();
    boolean previousKept = false;
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] fields = lines[i].trim().split("\\s+");
      if (fields.length <= pidColumn) {
        continue;
      }
      if (fields[pidColumn].equals("-")) { // a thread line (ps -m) follows its process
        if (previousKept) {
          processes.add(row(fields, titles.size()));
        }
        continue;
      }
      long pid;
      try {
        pid = Long.parseLong(fields[pidColumn]);
      } catch (NumberFormatException e) {
        throw new PsException("Unexpected pid '" + fields[pidColumn] + "': " + e.getMessage());
      }
      previousKept = pids.contains(pid);
      if (previousKept) {
        processes.add(row(fields, titles.size()));
      }
    }
    return new Top(titles, processes);
  }

  // The last column (CMD) may contain spaces: it takes every remaining field.
  private static List<String> row(String[] fields, int columns) {
    List<String> row = new ArrayList<>(Arrays.asList(fields).subList(0, Math.min(columns - 1, fields.length)));
    if (fields.length >= columns) {
      row.add(String.join(" ", Arrays.asList(fields).subList(columns - 1, fields.length)));
    }
    return row;
  }
}
