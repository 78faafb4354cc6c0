package io.berth.common.testapp;

import io.berth.common.inbox.IdempotentConsumer;
import io.berth.events.EventTypes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Test-only consumer of one container fact type: records each ContainerRemoved as a widget. */
@ApplicationScoped
public class RemovalRecorder {
  private final IdempotentConsumer consumer;

  public RemovalRecorder(IdempotentConsumer consumer) {
    this.consumer = consumer;
  }

  @Incoming("test-removals")
  public Uni<Void> onContainerFact(ConsumerRecord<String, byte[]> record) {
    return consumer.consume(record, Set.of(EventTypes.CONTAINER_REMOVED.type()),
        event -> Widget.named("event-" + event.id()).persist().replaceWithVoid());
  }
}
