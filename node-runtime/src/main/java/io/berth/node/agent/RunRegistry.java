package io.berth.node.agent;

import io.berth.node.oci.ProcessStdio;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The current (or next) run of each container on this node: when it began and when it ends. Attach streams wait here for a run that has not begun yet (docker run attaches
 * before it starts the container).
 */
@jakarta.enterprise.context.ApplicationScoped
public class RunRegistry {

  /** One run of a container's task: its log, when the run began (its output is newer), its end. */
  public record Run(Path log, Instant since, CompletableFuture<Integer> exit, ProcessStdio stdio) {
    public Run {
      stdio = stdio == null ? ProcessStdio.NONE : stdio;
    }

    public Run(Path log, Instant since, CompletableFuture<Integer> exit) {
      this(log, since, exit, ProcessStdio.NONE);
    }

    public boolean running() {
      return !exit.isDone();
    }
  }

  private final Map<String, CompletableFuture<Run>> next = new ConcurrentHashMap<>();
  private final Map<String, Run> current = new ConcurrentHashMap<>();
  private final Map<String, java.util.List<Consumer<ProcessStdio>>> creating = new ConcurrentHashMap<>();

  /**
   * The task of the next run exists but has not run yet: interactive attach streams waiting for it
   * connect to its monitor now, so they see its first output (a shell's prompt) too.
   */
  public void created(String containerId, ProcessStdio stdio) {
    java.util.List<Consumer<ProcessStdio>> waiting = creating.remove(containerId);
    if (waiting != null) {
      waiting.forEach(w -> w.accept(stdio));
    }
  }

  /** Runs {@code listener} when the next run's task was created (see {@link #created}). */
  public void onCreated(String containerId, Consumer<ProcessStdio> listener) {
    creating.computeIfAbsent(containerId, id -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(listener);
  }

  /** Drops a listener that is no longer needed (its attach stream found a running task). */
  public void cancelCreated(String containerId, Consumer<ProcessStdio> listener) {
    creating.computeIfPresent(containerId, (id, list) -> {
      list.remove(listener);
      return list.isEmpty() ? null : list;
    });
  }

  /** Records that a run began and wakes the attach streams waiting for it. */
  public void begin(String containerId, Run run) {
    current.put(containerId, run);
    CompletableFuture<Run> waiting = next.remove(containerId);
    if (waiting != null) {
      waiting.complete(run);
    }
  }

  /** The run to attach to: the one in progress, otherwise the next one to begin. */
  public CompletableFuture<Run> attach(String containerId) {
    Run run = current.get(containerId);
    if (run != null && run.running()) {
      return CompletableFuture.completedFuture(run);
    }
    return next.computeIfAbsent(containerId, id -> new CompletableFuture<>());
  }

  public Run current(String containerId) {
    return current.get(containerId);
  }

  /** The containers whose current run has not ended. */
  public java.util.List<String> runningIds() {
    return current.entrySet().stream().filter(e -> e.getValue().running()).map(Map.Entry::getKey).toList();
  }

  public int runningCount() {
    return (int) current.values().stream().filter(Run::running).count();
  }

  /** Forgets a removed container; attach streams still waiting for it end. */
  public void forget(String containerId) {
    current.remove(containerId);
    creating.remove(containerId);
    CompletableFuture<Run> waiting = next.remove(containerId);
    if (waiting != null) {
      waiting.cancel(false);
    }
  }
}
