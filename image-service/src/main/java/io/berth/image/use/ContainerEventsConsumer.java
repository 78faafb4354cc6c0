package io.berth.image.use;

import io.berth.common.inbox.IdempotentConsumer;
import io.berth.events.CloudEvent;
import io.berth.events.EventTypes;
import io.berth.events.container.v1.ContainerCreated;
import io.berth.events.container.v1.ContainerRemoved;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Learns which containers use which image from container-service's facts (never from its
 * tables), so {@code docker rmi} can refuse to delete an image in use. Other fact types on the
 * topic are skipped.
 */
@ApplicationScoped
public class ContainerEventsConsumer {
  public static final String CHANNEL = "container-events";
  // The topic carries every container fact; only these two change what an image is used by.
  private static final Set<String> USES =
      Set.of(EventTypes.CONTAINER_CREATED.type(), EventTypes.CONTAINER_REMOVED.type());

  private final IdempotentConsumer consumer;
  private final ImageUseRepository uses;

  public ContainerEventsConsumer(IdempotentConsumer consumer, ImageUseRepository uses) {
    this.consumer = consumer;
    this.uses = uses;
  }

  @Incoming(CHANNEL)
  public Uni<Void> onEvent(Message<byte[]> message) {
    return consumer.consume(message, USES, this::apply);
  }

  Uni<Void> apply(CloudEvent<?> event) {
    if (event.data() instanceof ContainerCreated created) {
      return uses.containerCreated(created.containerId(), created.imageDigest());
    }
    if (event.data() instanceof ContainerRemoved removed) {
      return uses.containerRemoved(removed.containerId());
    }
    return Uni.createFrom().voidItem();
  }
}
