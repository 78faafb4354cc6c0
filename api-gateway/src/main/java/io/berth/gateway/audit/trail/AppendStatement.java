package io.berth.gateway.audit.trail;

import io.berth.common.db.DbSchema;
import io.berth.events.CloudEvent;
import io.berth.events.EventCodec;
import io.berth.events.audit.v1.AuditRecorded;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * One append as one autocommitted statement: the records and their outbox rows are inserted by
 * two data-modifying CTEs, from arrays (one statement text whatever the batch size, so it is
 * prepared once per connection). Both inserts happen only if the chain's head is still the one
 * the records were hashed after: record {@code headSeq} stored with {@code headHash} (or an empty
 * chain for 0) and nothing after it. The statement answers how many records it inserted: all of
 * them, or 0 when the head moved on (another replica appended, or the cached head is stale). Two
 * statements that pass that check at once still cannot both commit: the {@code seq} primary key
 * refuses the second (unique violation), which then re-reads the head as well.
 *
 * <p>The outbox rows are the ones {@code Outbox.add(conn, events)} writes, column for column; the
 * outbox's statement trigger fires for a CTE insert too, so the relay is NOTIFYed on commit.
 */
final class AppendStatement {

  private final String sql;

  AppendStatement(DbSchema schema) {
    String log = schema.table("audit_log");
    String outbox = schema.table("outbox");
    this.sql = "with head as (select ($1::int8 = 0 or exists (select 1 from " + log
        + " where seq = $1 and hash = $2)) and not exists (select 1 from " + log
        + " where seq > $1) as ok),"
        + " rec as (insert into " + log + " (seq, recorded_at, actor, token_id, role, transport, peer,"
        + " method, path, action, object_type, object_id, status, reason, prev_hash, hash)"
        + " select r.* from unnest($3::int8[], $4::timestamptz[], $5::text[], $6::text[], $7::text[],"
        + " $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],"
        + " $15::int4[], $16::text[], $17::text[], $18::text[]) as r"
        + " where (select ok from head) returning seq),"
        // Ordered as the chain: the outbox's sequence (publication order) follows seq.
        + " evt as (insert into " + outbox + " (id, topic, message_key, type, source, subject,"
        + " event_time, dataschema, content_type, payload)"
        + " select e.id, e.topic, e.message_key, e.type, e.source, e.subject, e.event_time,"
        + " e.dataschema, e.content_type, e.payload from unnest($19::uuid[], $20::text[], $21::text[],"
        + " $22::text[], $23::text[], $24::text[], $25::timestamptz[], $26::text[], $27::text[],"
        + " $28::text[]) with ordinality as e(id, topic, message_key, type, source, subject,"
        + " event_time, dataschema, content_type, payload, n)"
        + " where (select ok from head) order by e.n)"
        + " select count(*) from rec";
  }

  String sql() {
    return sql;
  }

  /** The arguments: the head the records follow, the records and their events (same order). */
  static Tuple arguments(long headSeq, String headHash, List<AuditRecorded> records,
      List<CloudEvent<AuditRecorded>> events) {
    List<AuditRecorded> r = records;
    return Tuple.from(new Object[] {headSeq, headHash,
        col(r, AuditRecorded::seq, Long[]::new),
        col(r, x -> x.recordedAt().atOffset(ZoneOffset.UTC), OffsetDateTime[]::new),
        text(r, AuditRecorded::actor), text(r, AuditRecorded::tokenId), text(r, AuditRecorded::role),
        text(r, AuditRecorded::transport), text(r, AuditRecorded::peer), text(r, AuditRecorded::method),
        text(r, AuditRecorded::path), text(r, AuditRecorded::action), text(r, AuditRecorded::objectType),
        text(r, AuditRecorded::objectId), col(r, AuditRecorded::status, Integer[]::new),
        text(r, AuditRecorded::reason), text(r, AuditRecorded::prevHash), text(r, AuditRecorded::hash),
        // As Outbox.add(conn, events) maps an event to its row.
        col(events, e -> UUID.fromString(e.id()), UUID[]::new), text(events, CloudEvent::topic),
        text(events, CloudEvent::subject), text(events, CloudEvent::type), text(events, CloudEvent::source),
        text(events, CloudEvent::subject),
        col(events, e -> (e.time() != null ? e.time() : Instant.now()).atOffset(ZoneOffset.UTC),
            OffsetDateTime[]::new),
        text(events, CloudEvent::dataschema), text(events, CloudEvent::datacontenttype),
        text(events, e -> EventCodec.encodeToString(e.data()))});
  }

  private static <T> String[] text(List<? extends T> rows, Function<T, String> value) {
    return col(rows, value, String[]::new);
  }

  private static <T, V> V[] col(List<? extends T> rows, Function<T, V> value, IntFunction<V[]> array) {
    return rows.stream().map(value).toArray(array);
  }
}
