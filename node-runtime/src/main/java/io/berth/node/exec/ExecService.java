package io.berth.node.exec;

import io.berth.node.agent.RunRegistry;
import io.berth.node.agent.TaskRunner;
import io.berth.node.bundle.Bundle;
import io.berth.node.linux.ConsoleSocket;
import io.berth.node.oci.HostLimits;
import io.berth.node.oci.OciRuntime;
import io.berth.node.oci.UserResolver;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Creates and starts execs in this node's running containers, as dockerd does. */
@ApplicationScoped
public class ExecService {

  /** The request cannot be served as asked; {@code status} is the HTTP status Docker uses. */
  public static final class ExecException extends Exception {
    private final int status;

    ExecException(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final TaskRunner tasks;
  private final RunRegistry runs;
  private final OciRuntime runtime;
  private final ExecStore store;
  private final ExecProcessSpec specs;

  public ExecService(TaskRunner tasks, RunRegistry runs, OciRuntime runtime, ExecStore store) throws IOException {
    this.tasks = tasks;
    this.runs = runs;
    this.runtime = runtime;
    this.store = store;
    this.specs = new ExecProcessSpec(new UserResolver(), HostLimits.ofThisProcess().capabilities());
  }

  /** {@code POST /containers/{id}/exec}: 409 unless the container runs here. */
  public ExecInstance create(String containerId, ExecConfig config) throws ExecException {
    requireRunning(containerId);
    return store.create(containerId, config);
  }

  public ExecInstance find(String execId) throws ExecException {
    return store.find(execId).orElseThrow(() -> new ExecException(404, "No such exec instance: " + execId));
  }

  /**
   * Starts {@code exec} once; its output goes to {@code sink}. A command the container lacks ends
   * like Docker's: the runtime's message on stderr and exit code 126/127.
   */
  public ExecIo start(ExecInstance exec, ExecIo.Sink sink) throws ExecException, IOException {
    requireRunning(exec.containerId());
    if (!exec.claimStart()) {
      throw new ExecException(409, "Exec command " + exec.id() + " is already running");
    }
    Bundle bundle = tasks.bundle(exec.containerId());
    Path processFile = bundle.dir().resolve("exec-" + exec.id() + ".json");
    Path pidFile = bundle.dir().resolve("exec-" + exec.id() + ".pid");
    try {
      com.fasterxml.jackson.databind.node.ObjectNode process = specs.build(bundle.config(), bundle.rootfs(), exec.config());
      List<String> env = new ArrayList<>();
      process.path("env").forEach(e -> env.add(e.asText()));
      String problem = ExecutableLookup.problem(bundle.rootfs(), exec.config().cmd().get(0), env, process.path("cwd").asText("/"));
      if (problem != null) {
        return failed(exec, sink, problem);
      }
      ExecProcessSpec.write(process, processFile);
    } catch (IllegalArgumentException e) {
      return failed(exec, sink, "unable to find user " + exec.config().user() + ": " + e.getMessage() + "\n");
    }
    List<String> extra = new ArrayList<>(List.of("--pid-file", pidFile.toString()));
    Runnable cleanup = () -> {
      readPid(exec, pidFile);
      deleteQuietly(processFile);
      deleteQuietly(pidFile);
    };
    ExecIo io;
    if (exec.config().tty()) {
      // A unix socket path holds 107 bytes: bundle paths are longer, so the socket lives in /tmp.
      Path dir = Files.createTempDirectory("berth-exec");
      ConsoleSocket socket = ConsoleSocket.listen(dir.resolve("console.sock"));
      extra.addAll(List.of("--console-socket", socket.path().toString()));
      Process process = runtime.exec(exec.containerId(), processFile, extra);
      try {
        io = new TtyExec(process, socket, sink, () -> {
          cleanup.run();
          deleteQuietly(dir);
        });
      } catch (IOException e) {
        exec.exit().complete(126);
        throw new ExecException(500, e.getMessage());
      }
    } else {
      io = new PipedExec(runtime.exec(exec.containerId(), processFile, extra), sink, cleanup);
    }
    exec.io(io);
    io.done().whenComplete((code, e) -> exec.exit().complete(e == null ? code : -1));
    return io;
  }

  // Fails before anything runs, as dockerd does: the reason on stderr, exit code 126.
  private static ExecIo failed(ExecInstance exec, ExecIo.Sink sink, String message) {
    byte[] bytes = message.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    sink.write(ExecIo.STDERR, bytes, bytes.length);
    exec.exit().complete(126);
    ExecIo io = new ExecIo() {
      @Override
      public void stdin(byte[] b) {}

      @Override
      public void closeStdin() {}

      @Override
      public java.util.concurrent.CompletableFuture<Integer> done() {
        return java.util.concurrent.CompletableFuture.completedFuture(126);
      }
    };
    exec.io(io);
    return io;
  }

  /** The exec's pid, read from the runtime's pid file once it exists. */
  public long pid(ExecInstance exec) {
    if (exec.pid() == 0) {
      readPid(exec, tasks.bundle(exec.containerId()).dir().resolve("exec-" + exec.id() + ".pid"));
    }
    return exec.pid();
  }

  /** Forgets the execs of a removed container. */
  public void forget(String containerId) {
    store.forget(containerId);
  }

  private void requireRunning(String containerId) throws ExecException {
    RunRegistry.Run run = runs.current(containerId);
    if (run == null || !run.running()) {
      throw new ExecException(409, "Container " + containerId + " is not running");
    }
  }

  private static void readPid(ExecInstance exec, Path pidFile) {
    try {
      if (exec.pid() == 0 && Files.exists(pidFile)) {
        exec.pid(Long.parseLong(Files.readString(pidFile).strip()));
      }
    } catch (IOException | NumberFormatException e) {
      // not written yet, or already gone: the pid stays unknown (0), as for a finished exec
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a leftover file in the bundle is removed with it
    }
  }
}
