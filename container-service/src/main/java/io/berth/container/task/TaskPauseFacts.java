package io.berth.container.task;

import io.berth.container.container.ContainerChange;
import io.berth.container.container.ContainerEntity;
import io.berth.container.container.ContainerState;
import io.berth.events.container.v1.ContainerPaused;
import io.berth.events.container.v1.ContainerUnpaused;
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

  ContainerChange paused(ContainerChange change) {
    ContainerEntity c = change.container();
    if (c.state != ContainerState.RUNNING) {
      LOG.debugf("TaskPaused for %s in state %s, skipped", c.id, c.state);
      return change;
    }
    c.transitionTo(ContainerState.PAUSED);
    return change.emit(new ContainerPaused(c.id, c.name, c.image, Instant.now()));
  }

  ContainerChange unpaused(ContainerChange change) {
    ContainerEntity c = change.container();
    if (c.state != ContainerState.PAUSED) {
      LOG.debugf("TaskUnpaused for %s in state %s, skipped", c.id, c.state);
      return change;
    }
    c.transitionTo(ContainerState.RUNNING);
    return change.emit(new ContainerUnpaused(c.id, c.name, c.image, Instant.now()));
  }
}
