package io.berth.container.task;

import io.berth.container.container.ContainerChange;
import io.berth.container.container.ContainerEntity;
import io.berth.container.container.ContainerRemover;
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
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Applies a node's task facts to the container record, inside the consumer's transaction, and
 * emits the container facts they cause (Docker's start/die events) through the outbox: the
 * result is a {@link ContainerChange} the consumer writes in one statement.
 *
 * <p>A fact that no longer fits the record (the container was removed, or a late duplicate from a
 * node's restart recovery) is logged and skipped: facts are history, not requests, so refusing
 * them would only fill the dead-letter topic.
 */
@ApplicationScoped
public class TaskFactService {
  private static final Logger LOG = Logger.getLogger(TaskFactService.class);

  private final ContainerRemover remover;
  private final TaskPauseFacts pauses;

  public TaskFactService(ContainerRemover remover, TaskPauseFacts pauses) {
    this.remover = remover;
    this.pauses = pauses;
  }

  /**
   * Applies {@code event} to its container {@code c} (locked on {@code conn}); the change to
   * write, unchanged when the fact is skipped.
   */
  public Uni<ContainerChange> apply(SqlConnection conn, CloudEvent<?> event, ContainerEntity c) {
    ContainerChange change = ContainerChange.of(c);
    Object data = event.data();
    if (data instanceof TaskStarted started) {
      return done(started(change, started));
    }
    if (data instanceof TaskExited exited) {
      return exited(conn, change, exited);
    }
    if (data instanceof TaskFailed failed) {
      return failed(conn, change, failed);
    }
    if (data instanceof TaskPaused) {
      return done(pauses.paused(change));
    }
    if (data instanceof TaskUnpaused) {
      return done(pauses.unpaused(change));
    }
    return done(change);
  }

  /** The container a task fact is about; null for any other event. */
  public static String containerId(Object data) {
    if (data instanceof TaskStarted f) {
      return f.containerId();
    }
    if (data instanceof TaskExited f) {
      return f.containerId();
    }
    if (data instanceof TaskFailed f) {
      return f.containerId();
    }
    if (data instanceof TaskPaused f) {
      return f.containerId();
    }
    return data instanceof TaskUnpaused f ? f.containerId() : null;
  }

  private ContainerChange started(ContainerChange change, TaskStarted fact) {
    ContainerEntity c = change.container();
    if (c.isRunning() || !c.state.canTransitionTo(ContainerState.RUNNING)) {
      LOG.debugf("TaskStarted for %s in state %s: already applied or too late, skipped", c.id, c.state);
      return change;
    }
    c.transitionTo(ContainerState.RUNNING);
    c.nodeId = fact.nodeId();
    c.pid = (int) fact.pid();
    c.startedAt = fact.startedAt() != null ? fact.startedAt() : Instant.now();
    c.exitCode = 0;
    c.error = null;
    c.oomKilled = false;
    c.startCount++;
    return change.emit(new ContainerStarted(c.id, c.name, c.image, c.nodeId, fact.pid(), c.startedAt));
  }

  private Uni<ContainerChange> exited(SqlConnection conn, ContainerChange change, TaskExited fact) {
    ContainerEntity c = change.container();
    if (!c.isRunning()) {
      LOG.debugf("TaskExited for %s in state %s: not running, skipped", c.id, c.state);
      return done(change);
    }
    c.transitionTo(ContainerState.EXITED);
    c.exitCode = fact.exitCode();
    c.oomKilled = fact.oomKilled();
    c.finishedAt = fact.exitedAt() != null ? fact.exitedAt() : Instant.now();
    c.pid = 0;
    c.exitCount++;
    change.emit(new ContainerDied(c.id, c.name, c.image, c.exitCode, c.oomKilled, c.finishedAt));
    return c.autoRemove ? remover.remove(conn, change, false, true) : done(change);
  }

  // Docker keeps the state (created or exited) and records the error and a 12x exit code.
  private Uni<ContainerChange> failed(SqlConnection conn, ContainerChange change, TaskFailed fact) {
    ContainerEntity c = change.container();
    if (c.isRunning() || c.state == ContainerState.REMOVING || c.state == ContainerState.DEAD) {
      LOG.debugf("TaskFailed for %s in state %s, skipped", c.id, c.state);
      return done(change);
    }
    c.error = fact.reason() == null || fact.reason().isBlank() ? "failed to start container" : fact.reason();
    c.exitCode = StartFailure.exitCodeFor(fact.reason());
    c.failureCount++;
    change.changed();
    return c.autoRemove ? remover.remove(conn, change, false, true) : done(change);
  }

  private static Uni<ContainerChange> done(ContainerChange change) {
    return Uni.createFrom().item(change);
  }
}
