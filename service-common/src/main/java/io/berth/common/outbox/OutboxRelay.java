package io.berth.common.outbox;

import io.berth.common.db.DbSchema;
import io.berth.common.db.DirectConnections;
import io.berth.events.CeHeaders;
import io.berth.events.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka, oldest first, then marks them sent.
 *
 * <p>Publishing goes through SmallRye Reactive Messaging: one {@link MutinyEmitter} on the
 * outgoing channel {@value #CHANNEL}, each message carrying its own topic, key and CloudEvents
 * headers in {@link OutgoingKafkaRecordMetadata}. That keeps one producer per service, configured
 * like every other channel ({@code mp.messaging.outgoing.berth-outbox.*}: acks=all, idempotence,
 * linger.ms=0) and visible to the Kafka health check, while the emitter's Uni completes only when
 * the broker acknowledged the record.
 *
 * <p>Rows are read and marked sent on a connection of the relay's own that holds a per-schema
 * session advisory lock: when a service runs several replicas, the one holding it relays (in
 * order, per subject too) and the others only retry the lock on their sweeps. Holding the lock
 * for the session, not per run, makes a run two autocommitted statements (read the unsent rows,
 * publish, mark them sent) instead of a transaction of five, and the first record reaches the
 * producer one round trip after the wake-up. Any failure closes that connection, releasing the
 * lock (another replica may take over) and leaving the rows unsent: they go out on the next run
 * (at least once; consumers deduplicate on source+id). Runs are triggered by
 * {@link OutboxWakeUp} (NOTIFY on commit, a periodic sweep, and start-up).
 */
@ApplicationScoped
public class OutboxRelay {
  public static final String CHANNEL = "berth-outbox";
  /** At most this many rows per run; fits the emitter's default buffer (128). */
  static final int BATCH = 100;
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  private final Vertx vertx;
  private final DirectConnections connections;
  private final MutinyEmitter<byte[]> emitter;
  private final String lockKey;
  private final String selectUnsent;
  private final String markSent;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean pending = new AtomicBoolean();
  /** The relay's own session (null until connected, or after a failure); runs never overlap. */
  private volatile PgConnection session;
  /** Whether {@link #session} holds the advisory lock. */
  private volatile boolean leader;

  public OutboxRelay(Vertx vertx, DirectConnections connections,
      @Channel(CHANNEL) MutinyEmitter<byte[]> emitter, DbSchema schema) {
    this.vertx = vertx;
    this.connections = connections;
    this.emitter = emitter;
    this.lockKey = "berth.outbox." + schema.name();
    this.selectUnsent =
        "select sequence, id, topic, message_key, type, source, subject, event_time, dataschema,"
            + " content_type, payload from " + schema.table("outbox")
            + " where sent_at is null order by sequence limit " + BATCH;
    this.markSent =
        "update " + schema.table("outbox") + " set sent_at = now() where sequence = any($1)";
  }

  /**
   * Asks for a relay run soon. Never runs two at once in this process; a request arriving during a
   * run makes it loop once more, so no committed row waits for the next sweep.
   */
  public void wakeUp() {
    pending.set(true);
    if (running.compareAndSet(false, true)) {
      runLoop();
    }
  }

  private void runLoop() {
    pending.set(false);
    relayOnce()
        .subscribe()
        .with(
            published -> {
              if (published == BATCH || pending.get()) {
                runLoop();
                return;
              }
              running.set(false);
              if (pending.get() && running.compareAndSet(false, true)) {
                runLoop();
              }
            },
            failure -> {
              running.set(false);
              LOG.warnf(failure, "outbox relay failed; unsent rows are retried on the next sweep");
            });
  }

  /** One run: publishes up to {@value #BATCH} unsent rows in order; the number published. */
  Uni<Integer> relayOnce() {
    return session()
        .chain(conn -> leader ? publishUnsent(conn) : lead(conn))
        .onFailure().invoke(failure -> close());
  }

  /** Closes the relay's session, releasing the lock. */
  void close() {
    PgConnection conn = session;
    session = null;
    leader = false;
    if (conn != null) {
      conn.closeAndForget();
    }
  }

  private Uni<PgConnection> session() {
    PgConnection conn = session;
    if (conn != null) {
      return Uni.createFrom().item(conn);
    }
    return PgConnection.connect(vertx, connections.options())
        .invoke(c -> {
          session = c;
          leader = false;
          c.closeHandler(() -> {
            if (session == c) {
              session = null;
              leader = false;
            }
          });
        });
  }

  private Uni<Integer> lead(PgConnection conn) {
    return conn.preparedQuery("select pg_try_advisory_lock(hashtext($1))")
        .execute(Tuple.of(lockKey))
        .chain(rows -> {
          leader = rows.iterator().next().getBoolean(0);
          return leader ? publishUnsent(conn) : Uni.createFrom().item(0);
        });
  }

  private Uni<Integer> publishUnsent(PgConnection conn) {
    return conn.preparedQuery(selectUnsent)
        .execute()
        .chain(rows -> {
          List<Long> sequences = new ArrayList<>();
          List<Uni<Void>> sends = new ArrayList<>();
          for (Row row : rows) {
            sequences.add(row.getLong("sequence"));
            sends.add(emitter.sendMessage(toMessage(row)));
          }
          if (sends.isEmpty()) {
            return Uni.createFrom().item(0);
          }
          // Joined Unis are subscribed in list order, so records enter the producer in sequence
          // order; the idempotent producer keeps that order per partition even across retries.
          return Uni.join().all(sends).andFailFast()
              .chain(() -> conn.preparedQuery(markSent)
                  .execute(Tuple.of(sequences.toArray(new Long[0]))))
              .replaceWith(sends.size());
        });
  }

  private static Message<byte[]> toMessage(Row row) {
    RecordHeaders headers = new RecordHeaders();
    header(headers, CeHeaders.SPECVERSION, CloudEvent.SPEC_VERSION);
    header(headers, CeHeaders.ID, row.getUUID("id").toString());
    header(headers, CeHeaders.SOURCE, row.getString("source"));
    header(headers, CeHeaders.TYPE, row.getString("type"));
    header(headers, CeHeaders.SUBJECT, row.getString("subject"));
    header(headers, CeHeaders.TIME, row.getOffsetDateTime("event_time").toInstant().toString());
    header(headers, CeHeaders.DATASCHEMA, row.getString("dataschema"));
    header(headers, CeHeaders.CONTENT_TYPE, row.getString("content_type"));
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(row.getString("topic"))
            .withKey(row.getString("message_key"))
            .withHeaders(headers)
            .build();
    return Message.of(row.getString("payload").getBytes(StandardCharsets.UTF_8)).addMetadata(metadata);
  }

  private static void header(RecordHeaders headers, String name, String value) {
    if (value != null) {
      headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
  }
}
