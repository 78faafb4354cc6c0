package io.berth.container.task;

import io.berth.common.inbox.IdempotentConsumer;
import io.berth.common.inbox.IncomingEvents;
import io.berth.container.container.ContainerChangeNotifier;
import io.berth.events.CloudEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the task facts nodes publish (TaskStarted, TaskExited, TaskFailed), once each, and
 * wakes the requests waiting on that container after the transaction committed.
 */
@ApplicationScoped
public class TaskEventConsumer {
  public static final String CHANNEL = "task-events";

  private final IdempotentConsumer idempotent;
  private final TaskFactService facts;
  private final ContainerChangeNotifier notifier;

  public TaskEventConsumer(IdempotentConsumer idempotent, TaskFactService facts, ContainerChangeNotifier notifier) {
    this.idempotent = idempotent;
    this.facts = facts;
    this.notifier = notifier;
  }

  @Incoming(CHANNEL)
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    // Decoding twice is cheap and keeps the subject for the wake-up after commit.
    return Uni.createFrom().item(() -> IncomingEvents.decode(record))
        .flatMap(event -> idempotent.once(event, facts::apply).invoke(ran -> wake(event)))
        .replaceWithVoid();
  }

  private void wake(CloudEvent<?> event) {
    if (event.subject() != null) {
      notifier.changed(event.subject());
    }
  }
}
