package io.berth.container.task;

import io.berth.container.container.ContainerEntity;
import io.berth.container.container.ContainerEvents;
import io.berth.container.container.ContainerRemover;
import io.berth.container.container.ContainerRepository;
import io.berth.container.container.ContainerState;
import io.berth.container.container.StartFailure;
import io.berth.events.CloudEvent;
import io.berth.events.container.v1.ContainerDied;
import io.berth.events.container.v1.ContainerStarted;
import io.berth.events.task.v1.TaskExited;
import io.berth.events.task.v1.TaskFailed;
import io.berth.events.task.v1.TaskPaused;
import io.berth.events.task.v1.TaskStarted;
import io.berth.events.task.v1.TaskUnpaused;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Applies a node's task facts to the container record, inside the consumer's transaction, and
 * emits the container facts they cause (Docker's start/die events) through the outbox.
 *
 * <p>A fact that no longer fits the record (the container was removed, or a late duplicate from a
 * node's restart recovery) is logged and skipped: facts are history, not requests, so refusing
 * them would only fill the dead-letter topic.
 */
@ApplicationScoped
public class TaskFactService {
  private static final Logger LOG = Logger.getLogger(TaskFactService.class);

  private final ContainerRepository containers;
  private final ContainerEvents events;
  private final ContainerRemover remover;
  private final TaskPauseFacts pauses;

  public TaskFactService(
      ContainerRepository containers, ContainerEvents events, ContainerRemover remover, TaskPauseFacts pauses) {
    this.containers = containers;
    this.events = events;
    this.remover = remover;
    this.pauses = pauses;
  }

  /** Applies {@code event} if it is a task fact; other types on the topic are ignored. */
  public Uni<Void> apply(CloudEvent<?> event) {
    Object data = event.data();
    if (data instanceof TaskStarted started) {
      return withContainer(started.containerId(), c -> started(c, started));
    }
    if (data instanceof TaskExited exited) {
      return withContainer(exited.containerId(), c -> exited(c, exited));
    }
    if (data instanceof TaskFailed failed) {
      return withContainer(failed.containerId(), c -> failed(c, failed));
    }
    if (data instanceof TaskPaused paused) {
      return withContainer(paused.containerId(), pauses::paused);
    }
    if (data instanceof TaskUnpaused unpaused) {
      return withContainer(unpaused.containerId(), pauses::unpaused);
    }
    return Uni.createFrom().voidItem();
  }

  private Uni<Void> started(ContainerEntity c, TaskStarted fact) {
    if (c.isRunning() || !c.state.canTransitionTo(ContainerState.RUNNING)) {
      LOG.debugf("TaskStarted for %s in state %s: already applied or too late, skipped", c.id, c.state);
      return Uni.createFrom().voidItem();
    }
    c.transitionTo(ContainerState.RUNNING);
    c.nodeId = fact.nodeId();
    c.pid = (int) fact.pid();
    c.startedAt = fact.startedAt() != null ? fact.startedAt() : Instant.now();
    c.exitCode = 0;
    c.error = null;
    c.oomKilled = false;
    c.startCount++;
    return events.emit(new ContainerStarted(c.id, c.name, c.image, c.nodeId, fact.pid(), c.startedAt));
  }

  private Uni<Void> exited(ContainerEntity c, TaskExited fact) {
    if (!c.isRunning()) {
      LOG.debugf("TaskExited for %s in state %s: not running, skipped", c.id, c.state);
      return Uni.createFrom().voidItem();
    }
    c.transitionTo(ContainerState.EXITED);
    c.exitCode = fact.exitCode();
    c.oomKilled = fact.oomKilled();
    c.finishedAt = fact.exitedAt() != null ? fact.exitedAt() : Instant.now();
    c.pid = 0;
    c.exitCount++;
    Uni<Void> died = events.emit(new ContainerDied(c.id, c.name, c.image, c.exitCode, c.oomKilled, c.finishedAt));
    return c.autoRemove ? died.flatMap(v -> remover.remove(c, false, true)) : died;
  }

  // Docker keeps the state (created or exited) and records the error and a 12x exit code.
  private Uni<Void> failed(ContainerEntity c, TaskFailed fact) {
    if (c.isRunning() || c.state == ContainerState.REMOVING || c.state == ContainerState.DEAD) {
      LOG.debugf("TaskFailed for %s in state %s, skipped", c.id, c.state);
      return Uni.createFrom().voidItem();
    }
    c.error = fact.reason() == null || fact.reason().isBlank() ? "failed to start container" : fact.reason();
    c.exitCode = StartFailure.exitCodeFor(fact.reason());
    c.failureCount++;
    return c.autoRemove ? remover.remove(c, false, true) : Uni.createFrom().voidItem();
  }

  private Uni<Void> withContainer(String id, java.util.function.Function<ContainerEntity, Uni<Void>> action) {
    return containers.findForUpdate(id).flatMap(c -> {
      if (c == null) {
        LOG.debugf("task fact for unknown container %s (removed?), skipped", id);
        return Uni.createFrom().voidItem();
      }
      return action.apply(c);
    });
  }
}
