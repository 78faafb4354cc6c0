package io.berth.common.testapp;

import io.berth.common.inbox.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Test-only consumer: records each task fact it handles as a widget named after the event id. */
@ApplicationScoped
public class TaskFactRecorder {
  private final IdempotentConsumer consumer;

  public TaskFactRecorder(IdempotentConsumer consumer) {
    this.consumer = consumer;
  }

  @Incoming("test-tasks")
  public Uni<Void> onTaskFact(ConsumerRecord<String, byte[]> record) {
    return consumer.consume(record, event -> Widget.named("event-" + event.id()).persist().replaceWithVoid());
  }
}
