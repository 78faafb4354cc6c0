package io.berth.network.sandbox;

import io.berth.common.inbox.IdempotentConsumer;
import io.berth.events.CloudEvent;
import io.berth.events.EventTypes;
import io.berth.events.container.v1.ContainerDied;
import io.berth.events.container.v1.ContainerRemoved;
import io.berth.events.task.v1.TaskFailed;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Releases a container's endpoints and ports when it stops being wired: it died, was removed, or
 * its start failed on the node. Only what was allocated before the fact is released, so a late
 * fact of an earlier run never takes the addresses of a newer start.
 */
@ApplicationScoped
public class ContainerFactsConsumer {
  private final IdempotentConsumer idempotent;
  private final SandboxService sandboxes;

  public ContainerFactsConsumer(IdempotentConsumer idempotent, SandboxService sandboxes) {
    this.idempotent = idempotent;
    this.sandboxes = sandboxes;
  }

  @Incoming("container-events")
  public Uni<Void> containerFact(ConsumerRecord<String, byte[]> record) {
    return consume(record);
  }

  @Incoming("task-events")
  public Uni<Void> taskFact(ConsumerRecord<String, byte[]> record) {
    return consume(record);
  }

  // Only the facts that end a wiring; the topics carry several more per container run.
  private static final Set<String> RELEASING = Set.of(
      EventTypes.CONTAINER_DIED.type(), EventTypes.TASK_FAILED.type(), EventTypes.CONTAINER_REMOVED.type());

  private Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    return idempotent.consume(record, RELEASING, this::apply);
  }

  Uni<Void> apply(CloudEvent<?> event) {
    Instant at = event.time() != null ? event.time() : Instant.now();
    Object data = event.data();
    if (data instanceof ContainerDied d) {
      return sandboxes.release(d.containerId(), at);
    }
    if (data instanceof TaskFailed f) {
      return sandboxes.release(f.containerId(), at);
    }
    if (data instanceof ContainerRemoved r) {
      return sandboxes.forget(r.containerId(), at);
    }
    return Uni.createFrom().voidItem();
  }

}
