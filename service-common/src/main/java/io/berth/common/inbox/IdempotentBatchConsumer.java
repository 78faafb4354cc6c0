package io.berth.common.inbox;

import io.berth.common.db.DbSchema;
import io.berth.common.outbox.OutboxRelay;
import io.berth.events.CloudEvent;
import io.berth.events.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * {@link IdempotentConsumer} for a whole Kafka poll ({@code batch=true} channels): the facts of
 * the wanted types are handled in one transaction on the plain reactive pool, with their dedupe
 * rows written in one statement, and the channel commits the offsets only after it. A crash in
 * between replays the poll and the dedupe rows make the replay a no-op. One transaction per poll
 * instead of one per fact is what lets a consumer keep up with a burst without eating the CPU
 * the start path needs.
 *
 * <p>A record that cannot be decoded goes to the dead-letter topic on its own (a failed batch
 * would dead-letter all its records). A failing database is retried until it answers, so no fact
 * is skipped: use {@code failure-strategy=fail} on the channel.
 */
@ApplicationScoped
public class IdempotentBatchConsumer {
  private static final Logger LOG = Logger.getLogger(IdempotentBatchConsumer.class);

  /** A decoded fact and the time of its Kafka record. */
  public record Fact(CloudEvent<?> event, Instant recordTime) {}

  private final Pool pool;
  private final MutinyEmitter<byte[]> deadLetters;
  private final String dedupe;

  public IdempotentBatchConsumer(Pool pool, @Channel(OutboxRelay.CHANNEL) MutinyEmitter<byte[]> deadLetters,
      DbSchema schema) {
    this.pool = pool;
    this.deadLetters = deadLetters;
    // The same dedupe rows as IdempotentConsumer's, for a whole batch at once.
    this.dedupe = "insert into " + schema.table("processed_event") + " (source, id)"
        + " select * from unnest($1::text[], $2::text[]) on conflict do nothing returning source, id";
  }

  /**
   * Decodes the records whose type is in {@code types} (null: every record; others are skipped
   * unread) and, if any of them is seen for the first time, runs {@code handler} with those in
   * record order inside one transaction; {@code nothing} when there was nothing to handle.
   */
  public <R> Uni<R> consume(ConsumerRecords<String, byte[]> records, Set<String> types, R nothing,
      BiFunction<SqlConnection, List<Fact>, Uni<R>> handler) {
    return consumeInOneStatement(records, types, nothing, facts -> pool.withTransaction(conn -> firstSeen(conn, facts)
        .chain(fresh -> fresh.isEmpty() ? Uni.createFrom().item(nothing) : handler.apply(conn, fresh))));
  }

  /**
   * As {@link #consume}, for a handler that does all its writes in one statement, the dedupe rows
   * included ({@link #firstSeenCte()}): no transaction round trips at all. {@code handler} gets
   * every decoded fact, seen before or not.
   */
  /**
   * The dedupe rows of a batch as a data-modifying CTE for {@link #consumeInOneStatement}: takes
   * the facts' sources and ids as {@code $1} and {@code $2} ({@link #sources}, {@link #ids}) and
   * returns {@code (source, id)} of those seen for the first time.
   */
  public String firstSeenCte() {
    return dedupe;
  }

  public static String[] sources(List<Fact> facts) {
    return facts.stream().map(f -> f.event().source()).toArray(String[]::new);
  }

  public static String[] ids(List<Fact> facts) {
    return facts.stream().map(f -> f.event().id()).toArray(String[]::new);
  }

  /**
   * As {@link #consume}, for a handler that does all its writes in one statement, the dedupe rows
   * included ({@link #firstSeenCte()}): no transaction round trips at all. {@code handler} gets
   * every decoded fact, seen before or not.
   */
  public <R> Uni<R> consumeInOneStatement(ConsumerRecords<String, byte[]> records, Set<String> types, R nothing,
      Function<List<Fact>, Uni<R>> handler) {
    List<Fact> facts = new ArrayList<>();
    List<Uni<Void>> rejected = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      if (types != null && !types.contains(IncomingEvents.type(r.headers()))) {
        continue;
      }
      try {
        facts.add(new Fact(IncomingEvents.decode(r), Instant.ofEpochMilli(r.timestamp())));
      } catch (RuntimeException e) {
        rejected.add(deadLetter(r, e));
      }
    }
    Uni<Void> deadLettered = rejected.isEmpty() ? Uni.createFrom().voidItem()
        : Uni.join().all(rejected).andFailFast().replaceWithVoid();
    if (facts.isEmpty()) {
      return deadLettered.replaceWith(nothing);
    }
    return deadLettered
        .chain(() -> handler.apply(facts))
        .onFailure().invoke(e -> LOG.warnf("handling %d facts failed, retrying: %s", facts.size(), e.toString()))
        .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
  }

  /** Writes the facts' dedupe rows in one statement; the facts seen for the first time, in order. */
  Uni<List<Fact>> firstSeen(SqlConnection conn, List<Fact> facts) {
    return conn.preparedQuery(dedupe).execute(Tuple.of(sources(facts), ids(facts))).map(rows -> {
      Set<String> inserted = new HashSet<>();
      for (Row r : rows) {
        inserted.add(key(r.getString("source"), r.getString("id")));
      }
      List<Fact> fresh = new ArrayList<>();
      for (Fact f : facts) {
        // remove: a fact that appears twice in the batch is handled once.
        if (inserted.remove(key(f.event().source(), f.event().id()))) {
          fresh.add(f);
        }
      }
      return fresh;
    });
  }

  private static String key(String source, String id) {
    return source + '\n' + id;
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
