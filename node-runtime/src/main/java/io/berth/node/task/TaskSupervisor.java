package io.berth.node.task;

import io.berth.node.oci.ProcessStdio;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a container's task under a monitor process outside this JVM, which owns the task's stdio,
 * writes its log and records its exit status, so tasks can outlive node-runtime.
 */
public interface TaskSupervisor {

  /** Creates and starts the task of the bundle; returns the task's host pid once it runs. */
  default int start(String containerId, Path bundle, Path logPath) throws IOException {
    return start(containerId, bundle, logPath, ProcessStdio.NONE, () -> {});
  }

  /**
   * As {@link #start(String, Path, Path)}, the monitor holding a terminal and/or stdin as {@code
   * stdio} says; {@code created} runs once the task exists and before it runs, when attach
   * clients can connect without missing its first output.
   */
  int start(String containerId, Path bundle, Path logPath, ProcessStdio stdio, Runnable created) throws IOException;

  /** The recorded exit status (128+signal when signalled), empty while it runs. */
  OptionalInt exitStatus(String containerId) throws IOException;

  /** Completes with the exit status when the task exits (immediately if it already has). */
  CompletableFuture<Integer> onExit(String containerId);

  /** Sends {@code signal} to the task's init process. */
  void kill(String containerId, int signal) throws IOException;

  /** Forgets a task: the runtime's state (forcibly if still running) and its exit record. */
  void delete(String containerId) throws IOException;

  /**
   * Deletes the runtime's state of a task that exited (its cgroup goes with it); the exit record
   * stays, so a node-runtime that restarts still learns how the task ended.
   */
  void cleanUp(String containerId) throws IOException;
}
