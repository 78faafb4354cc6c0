package io.berth.node.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.node.oci.OciRuntime;
import io.berth.node.oci.ProcessStdio;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * Supervises tasks with conmon (one monitor process per container, double-forked away from this
 * JVM): conmon runs {@code runtime create}, owns stdio, writes the k8s-file log and the exit file
 * {@code <exits>/<id>} (128+signal when signalled); this class then runs {@code runtime start}.
 */
public final class ConmonMonitor implements TaskSupervisor, AutoCloseable {
  public static final Path DEFAULT_CONMON = Path.of("/usr/bin/conmon");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ConmonMonitor.class);

  private final Path conmon;
  private final OciRuntime runtime;
  private final Path exitDir;
  private final ExitWatcher exits;

  /** {@code stateDir} receives {@code exits/}; bundles hold conmon's pid file and sockets. */
  public ConmonMonitor(Path conmon, OciRuntime runtime, Path stateDir) throws IOException {
    this.conmon = conmon;
    this.runtime = runtime;
    this.exitDir = stateDir.resolve("exits");
    this.exits = new ExitWatcher(exitDir);
  }

  public OciRuntime runtime() {
    return runtime;
  }

  @Override
  public int start(String containerId, Path bundle, Path logPath, ProcessStdio stdio, Runnable created)
      throws IOException {
    long t0 = System.nanoTime();
    int pid = create(containerId, bundle, logPath, stdio);
    created.run();
    long t1 = System.nanoTime();
    runtime.start(containerId);
    LOG.debugf("task %s: monitor+create %d ms, start %d ms", containerId, (t1 - t0) / 1_000_000,
        (System.nanoTime() - t1) / 1_000_000);
    return pid;
  }

  /** Has conmon create the container (stopped before its user process runs); returns its pid. */
  int create(String containerId, Path bundle, Path logPath) throws IOException {
    return create(containerId, bundle, logPath, ProcessStdio.NONE);
  }

  private int create(String containerId, Path bundle, Path logPath, ProcessStdio stdio) throws IOException {
    exits.forget(containerId);
    Files.createDirectories(logPath.getParent());
    List<String> cmd = new ArrayList<>();
    cmd.addAll(List.of(conmon.toString(), "--api-version", "1"));
    cmd.addAll(List.of("-c", containerId, "-u", containerId, "-n", containerId));
    cmd.addAll(List.of("-r", runtime.executable().toString()));
    cmd.addAll(List.of("-b", bundle.toString(), "-p", bundle.resolve("pidfile").toString()));
    cmd.addAll(List.of("--conmon-pidfile", bundle.resolve("conmon.pid").toString()));
    cmd.addAll(List.of("--exit-dir", exitDir.toString()));
    // --full-attach puts the attach socket in the bundle (ignoring --socket-dir-path).
    cmd.addAll(List.of("--full-attach", "--socket-dir-path", bundle.toString()));
    cmd.addAll(List.of("-l", "k8s-file:" + logPath, "--log-level", "warning"));
    // max-file 1: conmon cuts the log at max-size itself; more files are rotated by LogRotator.
    LogRotation.read(bundle).filter(LogRotation::byMonitor)
        .ifPresent(r -> cmd.addAll(List.of("--log-size-max", Long.toString(r.maxSizeBytes()))));
    if (stdio.interactive()) {
      stdioArgs(stdio, cmd);
      AttachPoint.record(bundle, stdio);
    }
    for (String arg : runtime.globalArgs()) {
      cmd.add("--runtime-arg");
      cmd.add(arg);
    }
    runtime.beforeCreate(containerId, bundle);
    Path conmonErr = bundle.resolve("conmon.err");
    String line = syncLine(cmd, conmonErr);
    if (line == null) {
      runtime.afterCreate(containerId, false);
      throw new IOException("conmon failed for " + containerId + ": " + readQuietly(conmonErr));
    }
    JsonNode reply = JSON.readTree(line);
    int pid = reply.path("data").asInt(-1);
    runtime.afterCreate(containerId, pid > 0);
    if (pid <= 0) {
      String message = reply.path("message").asText(readQuietly(conmonErr));
      throw new IOException(runtime.name() + " create failed for " + containerId + ": " + message.strip());
    }
    return pid;
  }

  /**
   * Runs {@code command} (conmon) and returns the first line it writes on its sync pipe (fd 3,
   * named by _OCI_SYNCPIPE), or null if the pipe closed without one.
   *
   * <p>Java passes a child only fds 0-2, so a shell puts the pipe on fd 3. The line is not read
   * from conmon directly: the conmon parent exits right after forking the monitor, which writes the
   * line only after the runtime's create, and when a child exits the JDK's process reaper drains
   * what is in its stdout pipe and closes it. A reader that had not yet entered read() by then (a
   * loaded machine) saw an empty, closed pipe: "conmon failed" with nothing said, while the
   * monitor went on creating the container (about once in a hundred starts under load). Here
   * {@code head -n 1} holds the pipe, so the shell, our child, exits only once the line is there
   * (or the monitor closed the pipe without one), and the reaper's drain keeps it for us.
   */
  static String syncLine(List<String> command, Path stderr) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "\"$@\" 3>&1 >/dev/null | head -n 1", "sh"));
    cmd.addAll(command);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectError(stderr.toFile());
    pb.environment().put("_OCI_SYNCPIPE", "3");
    Process p = pb.start();
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroy();
      throw new IOException("interrupted", e);
    }
    try (BufferedReader sync =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line = sync.readLine();
      return line == null || line.isBlank() ? null : line;
    }
  }

  // conmon holds the terminal master (-t, received over its own console socket) and the stdin
  // pipe (-i); without --leave-stdin-open it closes stdin when an attached client's input ends.
  static void stdioArgs(ProcessStdio stdio, List<String> cmd) {
    if (stdio.tty()) {
      cmd.add("-t");
    }
    if (stdio.openStdin()) {
      cmd.add("-i");
      if (stdio.keepsStdinOpen()) {
        cmd.add("--leave-stdin-open");
      }
    }
  }

  @Override
  public OptionalInt exitStatus(String containerId) throws IOException {
    return exits.read(containerId);
  }

  @Override
  public CompletableFuture<Integer> onExit(String containerId) {
    return exits.onExit(containerId);
  }

  @Override
  public void kill(String containerId, int signal) throws IOException {
    runtime.kill(containerId, signal);
  }

  @Override
  public void delete(String containerId) throws IOException {
    // Forced: one runtime call whether the task still runs or not (asking its state first cost a
    // second process); a container the runtime does not know is no error.
    cleanUp(containerId);
    exits.forget(containerId);
  }

  @Override
  public void cleanUp(String containerId) throws IOException {
    runtime.delete(containerId, true);
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      return "(no output)";
    }
  }

  @Override
  public void close() throws IOException {
    exits.close();
  }
}
