package io.berth.gateway.webhook.dispatch;

import io.berth.common.inbox.IdempotentBatchConsumer;
import io.berth.events.Topics;
import io.berth.gateway.webhook.delivery.DeliveryOutbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Matches every fact on the history topics against the active subscriptions and queues one
 * delivery per match. Records arrive in batches (one Kafka poll); a batch's deliveries, dedupe
 * rows and object labels are written in one statement ({@link FactDispatcher}), and the offsets
 * are committed only after it: a crash in between replays the batch, and the dedupe rows make
 * the replay a no-op. Once it committed, the deliveries it claimed for this process go out at
 * once.
 */
@ApplicationScoped
public class WebhookDispatchConsumer {
  /** Channel reading every fact topic (Topics.HISTORY), in batches. */
  public static final String CHANNEL = "webhook-facts";

  private final IdempotentBatchConsumer consumer;
  private final FactDispatcher dispatcher;
  private final DeliveryOutbox deliveries;
  private final Counter containerFacts;

  public WebhookDispatchConsumer(IdempotentBatchConsumer consumer, FactDispatcher dispatcher, DeliveryOutbox deliveries,
      MeterRegistry registry) {
    this.consumer = consumer;
    this.dispatcher = dispatcher;
    this.deliveries = deliveries;
    // Counted here rather than by a consumer of its own: a second pass over every container fact
    // cost the gateway CPU on each `docker run`.
    this.containerFacts = Counter.builder("berth.gateway.container.events")
        .description("Container events the gateway has consumed").register(registry);
  }

  @Incoming(CHANNEL)
  public Uni<Void> onFacts(ConsumerRecords<String, byte[]> records) {
    containerFacts.increment(count(records.records(Topics.CONTAINER_EVENTS)));
    return consumer.consumeInOneStatement(records, null, DeliveryOutbox.Queued.NONE, dispatcher::dispatch)
        .invoke(queued -> deliveries.committed(queued))
        .replaceWithVoid();
  }

  private static int count(Iterable<?> records) {
    int n = 0;
    for (Iterator<?> it = records.iterator(); it.hasNext(); it.next()) {
      n++;
    }
    return n;
  }
}
