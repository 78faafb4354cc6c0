package io.berth.node.agent;

import io.berth.node.bundle.Bundle;
import io.berth.node.bundle.BundleStore;
import io.berth.node.oci.SpecBuilder;
import io.berth.node.task.TaskSupervisor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

  private final BundleStore bundles;
  private final TaskSupervisor supervisor;

  public TaskRunner(BundleStore bundles, TaskSupervisor supervisor) {
    this.bundles = bundles;
    this.supervisor = supervisor;
  }

  /** {@code layers}: the image's snapshots, bottom layer first. */
  public Started start(String containerId, List<Path> layers, SpecBuilder.ContainerProcess process)
      throws IOException {
    Bundle bundle = bundles.bundle(containerId);
    if (Files.exists(bundle.dir())) {
      supervisor.delete(containerId); // forget the previous run's runtime state and exit record
    } else {
      List<Path> topmostFirst = new ArrayList<>(layers);
      Collections.reverse(topmostFirst);
      bundle = bundles.create(containerId, topmostFirst, process);
    }
    Instant since = Instant.now();
    int pid = supervisor.start(containerId, bundle.dir(), bundle.log());
    return new Started(pid, bundle.log(), since, supervisor.onExit(containerId));
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

  /** Forgets the task and deletes its bundle, writable layer and log. */
  public void remove(String containerId) throws IOException {
    supervisor.delete(containerId);
    bundles.remove(containerId);
  }
}
