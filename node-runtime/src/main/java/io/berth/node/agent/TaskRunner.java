package io.berth.node.agent;

import io.berth.node.bundle.Bundle;
import io.berth.node.bundle.BundleStore;
import io.berth.node.oci.MemoryCgroup;
import io.berth.node.oci.OciRuntime;
import io.berth.node.oci.ProcessStdio;
import io.berth.node.oci.SpecBuilder;
import io.berth.node.task.TaskSupervisor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Starts, signals and removes one container's task: its bundle (overlay root + config.json) and
 * its monitor. A second start of the same container reuses the bundle, so the container's writable
 * layer and its log survive a restart, as with Docker.
 */
public final class TaskRunner {
  private static final Logger LOG = Logger.getLogger(TaskRunner.class);

  /** A task that runs: its pid, its log, when this run began (its output is newer), its exit. */
  public record Started(long pid, Path log, Instant since, CompletableFuture<Integer> exit) {}

  private static final String RUN_REQUESTED = "run-requested-at";

  private final BundleStore bundles;
  private final TaskSupervisor supervisor;
  private final OciRuntime runtime;
  private final MemoryCgroup memory;

  public TaskRunner(BundleStore bundles, TaskSupervisor supervisor, OciRuntime runtime) {
    this(bundles, supervisor, runtime, new MemoryCgroup(MemoryCgroup.DEFAULT_ROOT));
  }

  public TaskRunner(BundleStore bundles, TaskSupervisor supervisor, OciRuntime runtime, MemoryCgroup memory) {
    this.bundles = bundles;
    this.supervisor = supervisor;
    this.runtime = runtime;
    this.memory = memory;
  }

  /** The containers that have a bundle on this node. */
  public List<String> containers() throws IOException {
    return bundles.ids();
  }

  /**
   * Finds a task again after node-runtime restarted (its monitor kept running): a task that exited
   * meanwhile comes back with its recorded status, one still running with its pending exit; a
   * bundle whose task never ran comes back empty.
   */
  public Optional<Started> reattach(String containerId) throws IOException {
    Bundle bundle = bundles.bundle(containerId);
    OptionalInt status = supervisor.exitStatus(containerId);
    if (status.isPresent()) {
      return Optional.of(new Started(-1, bundle.log(), Instant.now(), CompletableFuture.completedFuture(status.getAsInt())));
    }
    Optional<OciRuntime.State> state = runtime.state(containerId);
    // A paused (frozen) task is still alive: found again like a running one.
    if (state.isEmpty() || !("running".equals(state.get().status()) || "paused".equals(state.get().status()))) {
      return Optional.empty();
    }
    return Optional.of(new Started(state.get().pid(), bundle.log(), Instant.now(), supervisor.onExit(containerId)));
  }

  /** Whether the runtime reports the task frozen (docker pause), e.g. after node-runtime restarted. */
  public boolean isPaused(String containerId) throws IOException {
    return runtime.state(containerId).map(s -> "paused".equals(s.status())).orElse(false);
  }

  /** {@code layers}: the image's snapshots, bottom layer first. */
  public Started start(String containerId, List<Path> layers, SpecBuilder.ContainerProcess process)
      throws IOException {
    return start(containerId, layers, process, dir -> { });
  }

  /** Adjusts a ready bundle just before its task starts (network wiring patches its config.json). */
  @FunctionalInterface
  public interface BundleHook {
    void beforeStart(Path bundleDir) throws IOException;
  }

  /** As {@link #start(String, List, SpecBuilder.ContainerProcess)}, running {@code hook} on the bundle first. */
  public Started start(String containerId, List<Path> layers, SpecBuilder.ContainerProcess process, BundleHook hook)
      throws IOException {
    return start(containerId, layers, process, hook, () -> {});
  }

  /**
   * As {@link #start(String, List, SpecBuilder.ContainerProcess, BundleHook)}; {@code created} runs
   * between the task's creation and its start (interactive attach clients connect then).
   */
  public Started start(String containerId, List<Path> layers, SpecBuilder.ContainerProcess process, BundleHook hook,
      Runnable created) throws IOException {
    long t0 = System.nanoTime();
    Bundle bundle = bundles.bundle(containerId);
    List<Path> topmostFirst = new ArrayList<>(layers);
    Collections.reverse(topmostFirst);
    if (Files.exists(bundle.dir()) && bundles.isConfigured(containerId)) {
      supervisor.delete(containerId); // forget the previous run's runtime state and exit record
      bundles.remount(containerId, topmostFirst);
    } else if (Files.exists(bundle.dir())) {
      bundle = bundles.configure(containerId, topmostFirst, process); // files were copied in before
    } else {
      bundle = bundles.create(containerId, topmostFirst, process);
    }
    long t1 = System.nanoTime();
    hook.beforeStart(bundle.dir());
    LOG.debugf("task %s: bundle %d ms, hook %d ms", containerId, (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
    Instant since = Instant.now();
    int pid = supervisor.start(containerId, bundle.dir(), bundle.log(), process.stdio(), created);
    return new Started(pid, bundle.log(), since, supervisor.onExit(containerId));
  }

  /** Whether the OOM killer struck in the container's cgroup (ask before {@link #remove}/restart). */
  public boolean oomKilled(String containerId) {
    return memory.oomKilled(containerId);
  }

  /** When the last RunContainer carried out for this container was issued, if one was. */
  public Optional<Instant> lastRunRequested(String containerId) {
    Path file = bundles.bundle(containerId).dir().resolve(RUN_REQUESTED);
    try {
      return Files.exists(file) ? Optional.of(Instant.parse(Files.readString(file).strip())) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Records which RunContainer this run carried out. Commands are delivered at least once: after a
   * crash the node may read one again, and must not run an exited container a second time.
   */
  public void recordRunRequested(String containerId, Instant requestedAt) throws IOException {
    Path dir = bundles.bundle(containerId).dir();
    Path tmp = dir.resolve(RUN_REQUESTED + ".tmp");
    Files.writeString(tmp, requestedAt.toString());
    Files.move(tmp, dir.resolve(RUN_REQUESTED), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** The bundle of a container on this node (it may not exist). */
  public Bundle bundle(String containerId) {
    return bundles.bundle(containerId);
  }

  /** How clients reach the stdio of the container's task through its monitor. */
  public io.berth.node.task.AttachPoint attachPoint(String containerId) {
    return io.berth.node.task.AttachPoint.of(bundles.bundle(containerId).dir());
  }

  /** The log of a container on this node, whether or not it runs. */
  public Path log(String containerId) {
    return bundles.bundle(containerId).log();
  }

  /** Sends {@code signal} to the task; a task that is already gone is not an error. */
  public void signal(String containerId, int signal) {
    try {
      supervisor.kill(containerId, signal);
    } catch (IOException e) {
      LOG.debugf("signal %d to %s: %s", signal, containerId, e.getMessage());
    }
  }

  /**
   * Deletes a stopped task's runtime state (its cgroup goes with it) and unmounts its root
   * filesystem, as Docker does on exit: a stopped container holds no mount, so `./berth reset` and
   * the host's mount table stay clean, and a later removal has nothing left to ask the runtime.
   * The next start mounts it again.
   */
  public void release(String containerId) {
    try {
      supervisor.cleanUp(containerId);
    } catch (IOException e) {
      LOG.warnf("cannot delete the runtime state of stopped container %s: %s", containerId, e.getMessage());
    }
    try {
      bundles.release(containerId);
    } catch (IOException e) {
      LOG.warnf("cannot unmount the root of stopped container %s: %s", containerId, e.getMessage());
    }
  }

  /** Forgets the task and deletes its bundle, writable layer and log. */
  public void remove(String containerId) throws IOException {
    supervisor.delete(containerId);
    bundles.remove(containerId);
  }
}
