package io.berth.node.agent;

import io.berth.events.container.v1.ContainerResources;
import io.berth.events.task.v1.TaskPaused;
import io.berth.events.task.v1.TaskUnpaused;
import io.berth.node.oci.OciRuntime;
import io.berth.node.oci.ResourceUpdates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Pause, unpause and update of a running task, through the OCI runtime (freezer cgroup,
 * {@code update --resources}); pause and unpause are reported as facts. Called in the
 * container's command order by {@link TaskManager}.
 */
final class TaskControls {
  private static final Logger LOG = Logger.getLogger(TaskControls.class);

  private final OciRuntime runtime;
  private final FactPublisher facts;
  private final NodeIdentity node;
  private final Set<String> paused = ConcurrentHashMap.newKeySet();

  TaskControls(OciRuntime runtime, FactPublisher facts, NodeIdentity node) {
    this.runtime = runtime;
    this.facts = facts;
    this.node = node;
  }

  void pause(String containerId) throws IOException {
    runtime.pause(containerId);
    paused.add(containerId);
    facts.publish(new TaskPaused(containerId, node.id(), Instant.now())).await().indefinitely();
  }

  void unpause(String containerId) throws IOException {
    runtime.resume(containerId);
    paused.remove(containerId);
    facts.publish(new TaskUnpaused(containerId, node.id(), Instant.now())).await().indefinitely();
  }

  /**
   * After a signal was sent: a frozen task only receives it once thawed, so a paused container
   * is resumed, as dockerd does on stop and kill.
   */
  void afterSignal(String containerId) {
    if (!isPaused(containerId)) {
      return;
    }
    try {
      unpause(containerId);
    } catch (IOException e) {
      LOG.warnf("cannot resume paused container %s after a signal: %s", containerId, e.getMessage());
    }
  }

  /** A task found frozen when node-runtime started again: stop and kill must thaw it too. */
  void recoveredPaused(String containerId) {
    paused.add(containerId);
  }

  // Kept in memory (asking the runtime on every stop would cost an exec); a restarted
  // node-runtime learns it again from the runtime's state (see recoveredPaused).
  private boolean isPaused(String containerId) {
    return paused.contains(containerId);
  }

  void update(String containerId, ContainerResources resources) throws IOException {
    Path file = Files.createTempFile("berth-update-", ".json");
    try {
      ResourceUpdates.write(resources, file);
      runtime.update(containerId, file);
      LOG.infof("updated the limits of container %s", containerId);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Forgets a task that ended. */
  void exited(String containerId) {
    paused.remove(containerId);
  }
}
