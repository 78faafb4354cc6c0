package io.berth.gateway.audit.trail;

import io.berth.common.db.DbSchema;
import io.berth.common.outbox.Outbox;
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
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Appends entries to the chain, durably: each transaction takes the chain's advisory lock (so
 * replicas never fork it), reads the head, inserts the records with seq = head + 1, ... and their
 * {@link AuditRecorded} events into the outbox, then commits. Entries arriving while one
 * transaction runs go together into the next (group commit): one transaction at a time per
 * process, however many calls end at once.
 */
@ApplicationScoped
public class AuditAppender {

  static final int BATCH = 200;
  static final String SOURCE = Sources.service("api-gateway");

  private record Pending(AuditEntry entry, CompletableFuture<AuditRecorded> done) {}

  private final Pool pool;
  private final Outbox outbox;
  private final String lockKey;
  private final String head;
  private final String insert;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean();

  public AuditAppender(Pool pool, Outbox outbox, DbSchema schema) {
    this.pool = pool;
    this.outbox = outbox;
    this.lockKey = "berth.audit." + schema.name();
    String table = schema.table("audit_log");
    this.head = "select seq, hash from " + table + " order by seq desc limit 1";
    this.insert = "insert into " + table + " (seq, recorded_at, actor, token_id, role, transport, peer,"
        + " method, path, action, object_type, object_id, status, reason, prev_hash, hash)"
        + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)";
  }

  /** Completes with the committed record (on some other thread), or fails if it was not written. */
  public CompletionStage<AuditRecorded> append(AuditEntry entry) {
    Pending p = new Pending(entry, new CompletableFuture<>());
    queue.add(p);
    drain();
    return p.done();
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
    write(batch.stream().map(Pending::entry).toList())
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
              batch.forEach(p -> p.done().completeExceptionally(failure));
              running.set(false);
              drain();
            });
  }

  private Uni<List<AuditRecorded>> write(List<AuditEntry> entries) {
    // The lock and the head read are sent together (the client pipelines them; the server runs
    // them in order), as are the two inserts: two round trips and the commit per batch.
    return pool.withTransaction(conn -> Uni.combine().all()
        .unis(conn.preparedQuery("select pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of(lockKey)),
            conn.query(head).execute())
        .with((locked, rows) -> rows)
        .chain(rows -> {
          RowIterator<Row> it = rows.iterator();
          Row last = it.hasNext() ? it.next() : null;
          long seq = last == null ? 0 : last.getLong("seq");
          String prev = last == null ? ChainHash.GENESIS : last.getString("hash");
          List<AuditRecorded> records = new ArrayList<>();
          for (AuditEntry e : entries) {
            AuditRecorded r = e.chain(++seq, prev);
            records.add(r);
            prev = r.hash();
          }
          return insert(conn, records).replaceWith(records);
        }));
  }

  private Uni<Void> insert(SqlConnection conn, List<AuditRecorded> records) {
    List<Tuple> rows = new ArrayList<>();
    List<CloudEvent<AuditRecorded>> events = new ArrayList<>();
    for (AuditRecorded r : records) {
      rows.add(Tuple.from(new Object[] {r.seq(), r.recordedAt().atOffset(ZoneOffset.UTC), r.actor(),
          r.tokenId(), r.role(), r.transport(), r.peer(), r.method(), r.path(), r.action(),
          r.objectType(), r.objectId(), r.status(), r.reason(), r.prevHash(), r.hash()}));
      var type = EventTypes.AUDIT_RECORDED;
      events.add(new CloudEvent<>(UUID.randomUUID().toString(), SOURCE, type.type(), AuditRecorded.CHAIN,
          r.recordedAt(), CloudEvent.JSON, type.dataschema(), r));
    }
    return Uni.combine().all().unis(conn.preparedQuery(insert).executeBatch(rows), outbox.add(conn, events))
        .discardItems();
  }
}
