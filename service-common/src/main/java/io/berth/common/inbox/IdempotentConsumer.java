package io.berth.common.inbox;

import io.berth.common.db.DbSchema;
import io.berth.events.CloudEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Runs an event handler at most once per {@code (source, id)}: delivery is at least once, so
 * every consumer that changes state goes through here. The dedupe row and the handler's writes
 * share one transaction: if the handler fails, neither stays and the redelivery runs it again.
 */
@ApplicationScoped
public class IdempotentConsumer {
  private final String insert;

  public IdempotentConsumer(DbSchema schema) {
    this.insert =
        "insert into " + schema.table("processed_event")
            + " (source, id) values (:source, :id) on conflict do nothing";
  }

  /**
   * In one transaction (joining the caller's if there is one): records {@code (source, id)} and,
   * only if it was new, runs {@code handler}. Completes with {@code true} if the handler ran.
   */
  public Uni<Boolean> once(String source, String id, Supplier<Uni<Void>> handler) {
    return Panache.withTransaction(
        () -> Panache.getSession()
            .chain(session -> session.createNativeQuery(insert)
                .setParameter("source", source)
                .setParameter("id", id)
                .executeUpdate())
            .chain(inserted -> inserted == 1
                ? handler.get().replaceWith(Boolean.TRUE)
                : Uni.createFrom().item(Boolean.FALSE)));
  }

  /** {@link #once(String, String, Supplier)} keyed by the event's own source and id. */
  public Uni<Boolean> once(CloudEvent<?> event, Function<CloudEvent<?>, Uni<Void>> handler) {
    return once(event.source(), event.id(), () -> handler.apply(event));
  }

  /**
   * For {@code @Incoming} methods taking {@code ConsumerRecord<String, byte[]>}: decodes the record
   * and handles it once. An undecodable record or unknown type fails the returned Uni, which nacks
   * the record: with {@code failure-strategy=dead-letter-queue} it goes to the dead-letter topic.
   */
  public Uni<Void> consume(ConsumerRecord<?, byte[]> record, Function<CloudEvent<?>, Uni<Void>> handler) {
    return Uni.createFrom().item(() -> IncomingEvents.decode(record))
        .chain(event -> once(event, handler))
        .replaceWithVoid();
  }

  /**
   * For {@code @Incoming} methods taking {@code Message<byte[]>}: decodes, handles once, then acks;
   * any failure nacks the message with its cause (dead-letter-queue strategy: to the DLQ).
   */
  public Uni<Void> consume(Message<byte[]> message, Function<CloudEvent<?>, Uni<Void>> handler) {
    return Uni.createFrom().item(() -> IncomingEvents.decode(message))
        .chain(event -> once(event, handler))
        .onItemOrFailure()
        .transformToUni((ran, failure) -> failure == null
            ? Uni.createFrom().completionStage(message.ack())
            : Uni.createFrom().completionStage(message.nack(failure)));
  }

  /**
   * As {@link #consume(ConsumerRecord, Function)}, for the event types in {@code types} only: a
   * record of any other type is skipped before decoding and without a transaction. A consumer
   * that needs two facts of a busy topic should not write a dedupe row for every other one.
   */
  public Uni<Void> consume(ConsumerRecord<?, byte[]> record, Set<String> types, Function<CloudEvent<?>, Uni<Void>> handler) {
    return types.contains(IncomingEvents.type(record.headers()))
        ? consume(record, handler)
        : Uni.createFrom().voidItem();
  }

  /** As {@link #consume(Message, Function)} for the types in {@code types}; other messages are acked unread. */
  public Uni<Void> consume(Message<byte[]> message, Set<String> types, Function<CloudEvent<?>, Uni<Void>> handler) {
    String type = message.getMetadata(IncomingKafkaRecordMetadata.class)
        .map(m -> IncomingEvents.type(m.getHeaders()))
        .orElse(null);
    return type != null && !types.contains(type)
        ? Uni.createFrom().completionStage(message.ack())
        : consume(message, handler);
  }
}
