package io.berth.container.container;

import io.berth.events.container.v1.ContainerDied;
import io.berth.events.container.v1.ContainerRemoved;
import io.berth.events.container.v1.KillContainer;
import io.berth.events.container.v1.RemoveContainer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * Removes a container record inside the caller's transaction: kills it first if it still runs,
 * tells its node to delete bundle, snapshot and logs, leaves a tombstone and announces the
 * removal.
 *
 * <p>Why the record goes at once instead of after the node confirms: the name is free again the
 * moment {@code docker rm} returns (scripts do {@code rm -f x && run --name x}), and a node that is
 * down must not keep records alive forever. The node cleans up asynchronously; RemoveContainer
 * follows KillContainer on the same key, so it is handled after the kill.
 */
@ApplicationScoped
public class ContainerRemover {
  /** Exit code Docker reports for a container ended by SIGKILL. */
  static final int KILLED = 128 + 9;

  private final ContainerRepository containers;
  private final ContainerEvents events;

  public ContainerRemover(ContainerRepository containers, ContainerEvents events) {
    this.containers = containers;
    this.events = events;
  }

  /** Removes {@code c} (locked by the caller). {@code force} allows removing a running container. */
  public Uni<Void> remove(ContainerEntity c, boolean force) {
    if (c.isRunning() && !force) {
      return Uni.createFrom().failure(ContainerErrors.removeRunning(c.id));
    }
    ContainerState wasState = c.state;
    c.transitionTo(ContainerState.REMOVING);
    Instant now = Instant.now();
    Uni<Void> chain = Uni.createFrom().voidItem();
    if (wasState == ContainerState.RUNNING) {
      c.exitCode = KILLED;
      c.finishedAt = now;
      chain = chain
          .flatMap(v -> events.emit(new KillContainer(c.id, c.nodeId, "SIGKILL")))
          .flatMap(v -> events.emit(new ContainerDied(c.id, c.name, c.image, KILLED, false, now)));
    }
    if (c.nodeId != null) {
      chain = chain.flatMap(v -> events.emit(new RemoveContainer(c.id, c.nodeId)));
    }
    ContainerTombstone tombstone = ContainerTombstone.of(c, now);
    return chain
        .flatMap(v -> ContainerTombstone.delete("removedAt < ?1 or id = ?2", now.minus(Duration.ofHours(1)), c.id))
        .flatMap(n -> tombstone.persist())
        .flatMap(t -> containers.deleteRow(c))
        .flatMap(v -> events.emit(new ContainerRemoved(c.id, c.name, now)));
  }
}
