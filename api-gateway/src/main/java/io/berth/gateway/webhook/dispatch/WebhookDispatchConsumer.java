package io.berth.gateway.webhook.dispatch;

import io.berth.common.inbox.IncomingEvents;
import io.berth.common.outbox.OutboxRelay;
import io.berth.events.Topics;
import io.berth.gateway.webhook.delivery.DeliveryOutbox;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Matches every fact on the history topics against the active subscriptions and queues one
 * delivery per match. Records arrive in batches (one Kafka poll); a batch's deliveries, dedupe
 * rows and object labels are written in one transaction ({@link FactDispatcher}), and the
 * offsets are committed only after it: a crash in between replays the batch, and the dedupe
 * rows make the replay a no-op. One transaction per poll instead of one per fact is what lets
 * dispatch keep up with a burst.
 *
 * <p>A record that cannot be decoded goes to the dead-letter topic on its own (a failed batch
 * would dead-letter all its records); a failing database is retried until it answers, so no fact
 * is skipped.
 */
@ApplicationScoped
public class WebhookDispatchConsumer {
  private static final Logger LOG = Logger.getLogger(WebhookDispatchConsumer.class);

  /** Channel reading every fact topic (Topics.HISTORY), in batches. */
  public static final String CHANNEL = "webhook-facts";

  private final FactDispatcher dispatcher;
  private final DeliveryOutbox deliveries;
  private final MutinyEmitter<byte[]> deadLetters;

  public WebhookDispatchConsumer(FactDispatcher dispatcher, DeliveryOutbox deliveries,
      @Channel(OutboxRelay.CHANNEL) MutinyEmitter<byte[]> deadLetters) {
    this.dispatcher = dispatcher;
    this.deliveries = deliveries;
    this.deadLetters = deadLetters;
  }

  @Incoming(CHANNEL)
  public Uni<Void> onFacts(ConsumerRecords<String, byte[]> records) {
    List<FactDispatcher.Fact> facts = new ArrayList<>();
    List<Uni<Void>> rejected = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      try {
        facts.add(new FactDispatcher.Fact(IncomingEvents.decode(r), Instant.ofEpochMilli(r.timestamp())));
      } catch (RuntimeException e) {
        rejected.add(deadLetter(r, e));
      }
    }
    Uni<Void> deadLettered = rejected.isEmpty() ? Uni.createFrom().voidItem()
        : Uni.join().all(rejected).andFailFast().replaceWithVoid();
    return deadLettered
        .chain(() -> dispatcher.dispatch(facts))
        .onFailure().invoke(e -> LOG.warnf("webhook dispatch of %d facts failed, retrying: %s", facts.size(), e.toString()))
        .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
        .invoke(queued -> {
          if (queued > 0) {
            deliveries.committed();
          }
        })
        .replaceWithVoid();
  }

  /** The record as it came, with the headers SmallRye's dead-letter strategy adds. */
  private Uni<Void> deadLetter(ConsumerRecord<String, byte[]> r, RuntimeException cause) {
    LOG.warnf("undecodable fact %s-%d@%d to %s: %s", r.topic(), r.partition(), r.offset(), Topics.DEAD_LETTER, cause.getMessage());
    RecordHeaders headers = new RecordHeaders();
    for (Header h : r.headers()) {
      headers.add(h);
    }
    header(headers, "dead-letter-reason", String.valueOf(cause.getMessage()));
    header(headers, "dead-letter-exception-class-name", cause.getClass().getName());
    header(headers, "dead-letter-topic", r.topic());
    header(headers, "dead-letter-partition", Integer.toString(r.partition()));
    header(headers, "dead-letter-offset", Long.toString(r.offset()));
    OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
        .withTopic(Topics.DEAD_LETTER).withKey(r.key()).withHeaders(headers).build();
    return deadLetters.sendMessage(Message.of(r.value() == null ? new byte[0] : r.value()).addMetadata(metadata));
  }

  private static void header(RecordHeaders headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
