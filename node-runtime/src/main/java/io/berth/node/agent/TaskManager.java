package io.berth.node.agent;

import io.berth.events.container.v1.ContainerSpec;
import io.berth.events.container.v1.KillContainer;
import io.berth.events.container.v1.RemoveContainer;
import io.berth.events.container.v1.RunContainer;
import io.berth.events.container.v1.StopContainer;
import io.berth.events.task.v1.TaskExited;
import io.berth.events.task.v1.TaskFailed;
import io.berth.events.task.v1.TaskStarted;
import io.berth.events.Signals;
import io.berth.node.image.ImagePuller;
import io.berth.node.net.NetworkAgent;
import io.berth.node.net.Sandbox;
import io.berth.node.net.SpecPatch;
import io.berth.node.oci.ProcessStdio;
import io.berth.node.oci.SpecBuilder;
import io.berth.node.task.LogRotation;
import io.berth.oci.Digest;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Carries out the commands addressed to this node and reports what became of them as facts.
 *
 * <p>Commands for one container run one after the other, in order; different containers proceed in
 * parallel. The task itself is supervised outside this JVM (see {@link TaskRunner}); this class
 * only drives it and reports.
 */
@ApplicationScoped
public class TaskManager implements TaskCommands {
  private static final Logger LOG = Logger.getLogger(TaskManager.class);

  private final NodeIdentity node;
  private final FactPublisher facts;
  private final ImagePuller images;
  private final TaskRunner bundles;
  private final RunRegistry runs;
  private final NetworkAgent network;
  private final ExecutorService workers = Executors.newCachedThreadPool(daemon("berth-task"));
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("berth-stop-timer"));
  private final Map<String, CompletableFuture<Void>> queues = new ConcurrentHashMap<>();
  private final TaskControls controls;

  public TaskManager(NodeIdentity node, FactPublisher facts, ImagePuller images, TaskRunner bundles, RunRegistry runs,
      io.berth.node.oci.OciRuntime runtime, NetworkAgent network) {
    this.network = network;
    this.node = node;
    this.facts = facts;
    this.images = images;
    this.bundles = bundles;
    this.runs = runs;
    this.controls = new TaskControls(runtime, facts, node);
  }

  @Override
  public void run(RunContainer c) {
    inOrder(c.containerId(), () -> start(c));
  }

  @Override
  public void stop(StopContainer c) {
    inOrder(c.containerId(), () -> {
      RunRegistry.Run run = runs.current(c.containerId());
      if (run == null || !run.running()) {
        return;
      }
      bundles.signal(c.containerId(), Signals.number(c.signal() == null ? StopContainer.DEFAULT_SIGNAL : c.signal()));
      controls.afterSignal(c.containerId());
      int timeout = c.timeoutSeconds() == null ? 10 : Math.max(0, c.timeoutSeconds());
      // SIGKILL after the grace period, as docker stop does, unless the task ended by then.
      timers.schedule(() -> {
        if (run.running()) {
          LOG.infof("container %s did not stop within %d s: SIGKILL", c.containerId(), timeout);
          bundles.signal(c.containerId(), 9);
          controls.afterSignal(c.containerId());
        }
      }, timeout, TimeUnit.SECONDS);
    });
  }

  @Override
  public void kill(KillContainer c) {
    inOrder(c.containerId(), () -> {
      RunRegistry.Run run = runs.current(c.containerId());
      if (run != null && run.running()) {
        bundles.signal(c.containerId(), Signals.number(c.signal() == null ? KillContainer.DEFAULT_SIGNAL : c.signal()));
        controls.afterSignal(c.containerId());
      }
    });
  }

  @Override
  public void pause(io.berth.events.container.v1.PauseContainer c) {
    ifRunning(c.containerId(), () -> controls.pause(c.containerId()));
  }

  @Override
  public void unpause(io.berth.events.container.v1.UnpauseContainer c) {
    ifRunning(c.containerId(), () -> controls.unpause(c.containerId()));
  }

  @Override
  public void update(io.berth.events.container.v1.UpdateContainer c) {
    ifRunning(c.containerId(), () -> controls.update(c.containerId(), c.resources()));
  }

  // pause/unpause/update concern the running task only; a stopped one gets its limits at start.
  private void ifRunning(String containerId, Step step) {
    inOrder(containerId, () -> {
      RunRegistry.Run run = runs.current(containerId);
      if (run != null && run.running()) {
        step.run();
      }
    });
  }

  @Override
  public void remove(RemoveContainer c) {
    inOrder(c.containerId(), () -> {
      RunRegistry.Run run = runs.current(c.containerId());
      if (run != null && run.running()) {
        bundles.signal(c.containerId(), 9);
        controls.afterSignal(c.containerId());
        run.exit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
      }
      runs.forget(c.containerId());
      network.tearDown(c.containerId());
      bundles.remove(c.containerId());
      queues.remove(c.containerId());
    });
  }

  private void start(RunContainer c) throws IOException {
    RunRegistry.Run current = runs.current(c.containerId());
    if (current != null && current.running()) {
      return; // a repeated RunContainer: the task already runs
    }
    if (c.requestedAt() != null
        && bundles.lastRunRequested(c.containerId()).filter(last -> !last.isBefore(c.requestedAt())).isPresent()) {
      LOG.infof("RunContainer for %s (issued %s) was already carried out: ignored", c.containerId(), c.requestedAt());
      return; // delivered again after a crash; running it would restart an exited container
    }
    long received = System.nanoTime();
    ImagePuller.PulledImage image;
    try {
      image = images.pull(c.registry(), c.repository(), Digest.parse(c.imageDigest()));
    } catch (IOException | RuntimeException e) {
      fail(c, "failed to pull image " + c.imageRef() + ": " + e.getMessage());
      return;
    }
    List<String> args = new ArrayList<>(c.spec().entrypoint());
    args.addAll(c.spec().cmd());
    if (args.isEmpty()) {
      fail(c, "No command specified");
      return;
    }
    SpecBuilder.ContainerProcess process = process(c, args);
    long pulled = System.nanoTime();
    Sandbox sandbox;
    try {
      sandbox = network.setUp(c.containerId(), process.hostname(), c.network());
    } catch (IOException | RuntimeException e) {
      fail(c, "failed to set up container networking: " + e.getMessage());
      return;
    }
    long wired = System.nanoTime();
    LOG.debugf("task %s: image %d ms, network %d ms", c.containerId(), (pulled - received) / 1_000_000, (wired - pulled) / 1_000_000);
    TaskRunner.Started started;
    try {
      started = bundles.start(c.containerId(), image.layers(), process, dir -> {
        SpecPatch.apply(dir, sandbox);
        LogRotation.write(dir, c.spec().logConfig());
      }, () -> runs.created(c.containerId(), process.stdio()));
    } catch (IOException | RuntimeException e) {
      bundles.release(c.containerId());
      network.tearDown(c.containerId());
      fail(c, StartFailureReason.of(args.get(0), e.getMessage()));
      return;
    }
    if (c.requestedAt() != null) {
      bundles.recordRunRequested(c.containerId(), c.requestedAt());
    }
    RunRegistry.Run run = new RunRegistry.Run(started.log(), started.since(), started.exit(), process.stdio());
    runs.begin(c.containerId(), run);
    long running = System.nanoTime();
    facts.publish(new TaskStarted(c.containerId(), node.id(), started.pid(), Instant.now())).await().indefinitely();
    if (LOG.isDebugEnabled()) {
      LOG.debugf("started %s: command in flight %d ms, image+bundle+monitor %d ms, TaskStarted acked %d ms",
          c.containerId(), c.requestedAt() == null ? -1 : java.time.Duration.between(c.requestedAt(), Instant.now()).toMillis()
              - (running - received) / 1_000_000 - (System.nanoTime() - running) / 1_000_000,
          (running - received) / 1_000_000, (System.nanoTime() - running) / 1_000_000);
    }
    started.exit().thenAccept(status -> exited(c.containerId(), status));
  }

  /**
   * Stops every task on this node (SIGTERM, SIGKILL after {@code graceSeconds}) and waits for their
   * exits to be reported: what `./berth down` does before it stops the platform, like dockerd
   * stopping its containers when it shuts down.
   */
  public int stopAll(int graceSeconds) {
    List<CompletableFuture<Integer>> exits = new ArrayList<>();
    for (String id : runs.runningIds()) {
      RunRegistry.Run run = runs.current(id);
      if (run != null && run.running()) {
        stop(new StopContainer(id, node.id(), graceSeconds, StopContainer.DEFAULT_SIGNAL));
        exits.add(run.exit());
      }
    }
    CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new))
        .orTimeout(graceSeconds + 10L, TimeUnit.SECONDS)
        .exceptionally(e -> null)
        .join();
    return exits.size();
  }

  /**
   * Picks up the tasks a previous node-runtime left running (their monitors outlive it) and reports
   * the ones that exited meanwhile; a TaskExited reported twice is harmless (consumers dedupe and
   * ignore facts that no longer fit the container's state).
   */
  void recover(@Observes StartupEvent ignored) {
    java.util.Set<String> running = new java.util.HashSet<>();
    try {
      for (String id : bundles.containers()) {
        Optional<TaskRunner.Started> found = bundles.reattach(id);
        if (found.isPresent() && !found.get().exit().isDone() && bundles.isPaused(id)) {
          controls.recoveredPaused(id);
        }
        found.ifPresent(task -> {
          if (!task.exit().isDone()) {
            running.add(id);
          }
          runs.begin(id, new RunRegistry.Run(task.log(), task.since(), task.exit(), stdioOf(id)));
          task.exit().thenAccept(status -> exited(id, status));
          LOG.infof("recovered container %s (%s)", id, task.exit().isDone() ? "exited" : "running");
        });
      }
    } catch (IOException e) {
      LOG.errorf(e, "cannot scan the bundles of this node");
    }
    network.reconcile(running);
  }

  // Recorded in the bundle: an interactive task is found again with its terminal and stdin.
  private ProcessStdio stdioOf(String containerId) {
    try {
      return bundles.attachPoint(containerId).stdio();
    } catch (IOException e) {
      LOG.warnf("cannot read the stdio of container %s: %s", containerId, e.getMessage());
      return ProcessStdio.NONE;
    }
  }

  private void exited(String containerId, int status) {
    controls.exited(containerId);
    // Unwired before the exit is reported: its addresses and ports are free by the time anyone
    // can reuse them.
    network.tearDown(containerId);
    String signal = status > 128 ? Signals.name(status - 128) : null;
    // Read first: the cgroup (and its OOM counter) goes when the release deletes the container.
    boolean oomKilled = bundles.oomKilled(containerId);
    // Queued behind earlier commands and ahead of any later start, so a restart mounts it again.
    inOrder(containerId, () -> bundles.release(containerId));
    facts.publish(new TaskExited(containerId, node.id(), status, signal, oomKilled, Instant.now()))
        .subscribe()
        .with(ok -> {}, e -> LOG.errorf(e, "TaskExited for %s not published", containerId));
  }

  private void fail(RunContainer c, String reason) {
    LOG.warnf("container %s failed to start: %s", c.containerId(), reason);
    facts.publish(new TaskFailed(c.containerId(), node.id(), reason, Instant.now())).await().indefinitely();
  }

  private static SpecBuilder.ContainerProcess process(RunContainer c, List<String> args) {
    ContainerSpec spec = c.spec();
    String hostname = spec.hostname() != null ? spec.hostname() : c.containerId().substring(0, 12);
    List<Integer> size = spec.consoleSize();
    ProcessStdio stdio = spec.tty() || spec.openStdin()
        ? new ProcessStdio(spec.tty(), spec.openStdin(), spec.stdinOnce(),
            size.isEmpty() ? 0 : size.get(0), size.isEmpty() ? 0 : size.get(1))
        : ProcessStdio.NONE;
    return new SpecBuilder.ContainerProcess(
        args, spec.env(), spec.workingDir(), spec.user(), hostname, spec.resources(), spec.security(), spec.mounts(),
        stdio);
  }

  /**
   * Runs {@code work} in the container's command order, so no start, stop or unmount of its root
   * happens meanwhile (Docker holds the container lock for docker cp and export the same way).
   */
  public <T> CompletableFuture<T> exclusive(String containerId, java.util.concurrent.Callable<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    inOrder(containerId, () -> {
      try {
        result.complete(work.call());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /** Runs {@code step} after every earlier step for the same container. */
  private void inOrder(String containerId, Step step) {
    queues.compute(containerId, (id, previous) ->
        (previous == null ? CompletableFuture.<Void>completedFuture(null) : previous)
            .thenRunAsync(() -> {
              try {
                step.run();
              } catch (Exception e) {
                LOG.errorf(e, "command for container %s failed", containerId);
              }
            }, workers));
  }

  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
