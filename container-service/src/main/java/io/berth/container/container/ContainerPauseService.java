package io.berth.container.container;

import io.berth.common.error.ConflictException;
import io.berth.common.error.UnavailableException;
import io.berth.events.container.v1.PauseContainer;
import io.berth.events.container.v1.UnpauseContainer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code docker pause} and {@code unpause}: like stop and kill, a command to the container's node
 * over Kafka (through the outbox), then a wait until the node's TaskPaused/TaskUnpaused fact moved
 * the record. The node freezes the task with its OCI runtime (freezer cgroup).
 */
@ApplicationScoped
public class ContainerPauseService {
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);

  private final ContainerService service;
  private final ContainerRepository containers;
  private final ContainerEvents events;
  private final ContainerWaiter waiter;

  public ContainerPauseService(
      ContainerService service, ContainerRepository containers, ContainerEvents events, ContainerWaiter waiter) {
    this.service = service;
    this.containers = containers;
    this.events = events;
    this.waiter = waiter;
  }

  /** {@code POST /containers/{id}/pause}: 409 unless running and not paused. */
  public Uni<Void> pause(String ref) {
    return Panache.<String>withTransaction(() -> lock(ref).flatMap(c -> {
          if (c.state == ContainerState.PAUSED) {
            return Uni.createFrom().failure(new ConflictException("Container " + c.id + " is already paused"));
          }
          if (c.state != ContainerState.RUNNING) {
            return Uni.createFrom().failure(ContainerErrors.notRunning(c.id));
          }
          return events.emit(new PauseContainer(c.id, c.nodeId)).replaceWith(c.id);
        }))
        .flatMap(id -> awaitState(id, ContainerState.PAUSED, "pause"));
  }

  /** {@code POST /containers/{id}/unpause}: 409 unless paused. */
  public Uni<Void> unpause(String ref) {
    return Panache.<String>withTransaction(() -> lock(ref).flatMap(c -> {
          if (c.state != ContainerState.PAUSED) {
            return Uni.createFrom().failure(new ConflictException("Container " + c.id + " is not paused"));
          }
          return events.emit(new UnpauseContainer(c.id, c.nodeId)).replaceWith(c.id);
        }))
        .flatMap(id -> awaitState(id, ContainerState.RUNNING, "unpause"));
  }

  // The task may also end meanwhile (killed, exited): then the wait is over too, as with Docker.
  private Uni<Void> awaitState(String id, ContainerState wanted, String verb) {
    return waiter.until(id,
            obs -> obs.removed() || obs.container().state == wanted || !obs.container().isRunning()
                ? Optional.of(Boolean.TRUE) : Optional.empty(),
            ANSWER_TIMEOUT,
            () -> new UnavailableException("timed out waiting for the node to " + verb + " container " + id))
        .replaceWithVoid();
  }

  private Uni<ContainerEntity> lock(String ref) {
    return service.require(ref).flatMap(c -> containers.findForUpdate(c.id));
  }
}
