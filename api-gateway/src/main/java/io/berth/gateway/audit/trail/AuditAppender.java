package io.berth.gateway.audit.trail;

import io.berth.common.db.DbSchema;
import io.berth.events.CloudEvent;
import io.berth.events.EventTypes;
import io.berth.events.Sources;
import io.berth.events.audit.v1.AuditRecorded;
import io.berth.gateway.audit.record.AuditEntry;
import io.berth.gateway.audit.record.ChainHash;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends entries to the chain, durably, in one round trip in the common case: the records are
 * hashed after the head this process last wrote (kept in memory) and inserted with their
 * {@link AuditRecorded} outbox rows by one autocommitted {@link AppendStatement}, which inserts
 * nothing unless that head is still the chain's head. When it is not (another replica appended,
 * or nothing is cached yet) the head is read from the table and the batch hashed and sent again;
 * the {@code seq} primary key refuses the loser of two appends racing past that check, which
 * retries the same way. So replicas never fork the chain and {@code seq} has no gaps.
 *
 * <p>Entries arriving while one append runs go together into the next (group commit): one
 * statement at a time per process, however many calls end at once.
 */
@ApplicationScoped
public class AuditAppender {

  static final int BATCH = 200;
  /** Appends lost to other writers before a batch gives up (each loss means the chain grew). */
  static final int ATTEMPTS = 20;
  static final String SOURCE = Sources.service("api-gateway");
  private static final String UNIQUE_VIOLATION = "23505";

  private record Pending(AuditEntry entry, CompletableFuture<AuditRecorded> done) {}

  /** The newest record known to be committed: the next records follow it. */
  record Head(long seq, String hash) {
    static final Head EMPTY = new Head(0, ChainHash.GENESIS);
  }

  private final Pool pool;
  private final String readHead;
  private final String append;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean();
  /** Null when unknown (start-up, a lost race, a failed append): read before the next append. */
  private volatile Head head;
  private final AtomicLong headReads = new AtomicLong();

  public AuditAppender(Pool pool, DbSchema schema) {
    this.pool = pool;
    this.readHead = "select seq, hash from " + schema.table("audit_log") + " order by seq desc limit 1";
    this.append = new AppendStatement(schema).sql();
  }

  /** Completes with the committed record (on some other thread), or fails if it was not written. */
  public CompletionStage<AuditRecorded> append(AuditEntry entry) {
    Pending p = new Pending(entry, new CompletableFuture<>());
    queue.add(p);
    drain();
    return p.done();
  }

  /** How often the head was read from the table (start-up and lost races); for tests. */
  long headReads() {
    return headReads.get();
  }

  private void drain() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    List<Pending> batch = new ArrayList<>();
    for (Pending p; batch.size() < BATCH && (p = queue.poll()) != null; ) {
      batch.add(p);
    }
    if (batch.isEmpty()) {
      running.set(false);
      if (!queue.isEmpty()) {
        drain(); // added between the poll and the reset
      }
      return;
    }
    write(batch.stream().map(Pending::entry).toList(), 1)
        .subscribe()
        .with(
            records -> {
              for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(records.get(i));
              }
              running.set(false);
              drain();
            },
            failure -> {
              // Whether it committed is unknown (a lost connection): ask the table next time.
              head = null;
              batch.forEach(p -> p.done().completeExceptionally(failure));
              running.set(false);
              drain();
            });
  }

  private Uni<List<AuditRecorded>> write(List<AuditEntry> entries, int attempt) {
    Head known = head;
    return (known != null ? Uni.createFrom().item(known) : readHead())
        .chain(after -> {
          List<AuditRecorded> records = chain(entries, after);
          return pool.preparedQuery(append)
              .execute(AppendStatement.arguments(after.seq(), after.hash(), records, events(records)))
              .map(rows -> rows.iterator().next().getLong(0) == records.size())
              .onFailure(AuditAppender::lostRace).recoverWithItem(false)
              .chain(appended -> {
                if (appended) {
                  AuditRecorded last = records.get(records.size() - 1);
                  head = new Head(last.seq(), last.hash());
                  return Uni.createFrom().item(records);
                }
                head = null;
                if (attempt >= ATTEMPTS) {
                  return Uni.createFrom().failure(new IllegalStateException(
                      "the audit chain's head moved on " + attempt + " times in a row"));
                }
                return write(entries, attempt + 1);
              });
        });
  }

  private Uni<Head> readHead() {
    headReads.incrementAndGet();
    return pool.query(readHead).execute().map(rows -> {
      RowIterator<Row> it = rows.iterator();
      if (!it.hasNext()) {
        return Head.EMPTY;
      }
      Row last = it.next();
      return new Head(last.getLong("seq"), last.getString("hash"));
    });
  }

  private static List<AuditRecorded> chain(List<AuditEntry> entries, Head after) {
    List<AuditRecorded> records = new ArrayList<>();
    long seq = after.seq();
    String prev = after.hash();
    for (AuditEntry e : entries) {
      AuditRecorded r = e.chain(++seq, prev);
      records.add(r);
      prev = r.hash();
    }
    return records;
  }

  private static List<CloudEvent<AuditRecorded>> events(List<AuditRecorded> records) {
    var type = EventTypes.AUDIT_RECORDED;
    return records.stream().map(r -> new CloudEvent<>(UUID.randomUUID().toString(), SOURCE, type.type(),
        AuditRecorded.CHAIN, r.recordedAt(), CloudEvent.JSON, type.dataschema(), r)).toList();
  }

  /** Another writer committed the same seq first: the head moved on under us. */
  private static boolean lostRace(Throwable failure) {
    return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
        && "audit_log_pkey".equals(pg.getConstraint());
  }
}
