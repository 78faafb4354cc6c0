package io.berth.container.task;

import io.berth.container.container.ContainerEntity;
import io.berth.container.container.ContainerEvents;
import io.berth.container.container.ContainerState;
import io.berth.events.container.v1.ContainerPaused;
import io.berth.events.container.v1.ContainerUnpaused;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Applies TaskPaused/TaskUnpaused to the record (running ⇄ paused) and emits Docker's pause and
 * unpause events. A fact that no longer fits (the task exited meanwhile) is skipped.
 */
@ApplicationScoped
public class TaskPauseFacts {
  private static final Logger LOG = Logger.getLogger(TaskPauseFacts.class);

  private final ContainerEvents events;

  public TaskPauseFacts(ContainerEvents events) {
    this.events = events;
  }

  Uni<Void> paused(ContainerEntity c) {
    if (c.state != ContainerState.RUNNING) {
      LOG.debugf("TaskPaused for %s in state %s, skipped", c.id, c.state);
      return Uni.createFrom().voidItem();
    }
    c.transitionTo(ContainerState.PAUSED);
    return events.emit(new ContainerPaused(c.id, c.name, c.image, Instant.now()));
  }

  Uni<Void> unpaused(ContainerEntity c) {
    if (c.state != ContainerState.PAUSED) {
      LOG.debugf("TaskUnpaused for %s in state %s, skipped", c.id, c.state);
      return Uni.createFrom().voidItem();
    }
    c.transitionTo(ContainerState.RUNNING);
    return events.emit(new ContainerUnpaused(c.id, c.name, c.image, Instant.now()));
  }
}
