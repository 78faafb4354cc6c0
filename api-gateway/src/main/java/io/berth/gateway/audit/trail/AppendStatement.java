package io.berth.gateway.audit.trail;

import io.berth.common.db.DbSchema;
import io.berth.common.outbox.Outbox;
import io.berth.events.CloudEvent;
import io.berth.events.audit.v1.AuditRecorded;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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
 * <p>The outbox rows are {@link Outbox#insertAll}'s; the outbox's statement trigger fires for a
 * CTE insert too, so the relay is NOTIFYed on commit.
 */
final class AppendStatement {

  private final String sql;

  AppendStatement(DbSchema schema) {
    String log = schema.table("audit_log");
    Outbox outbox = new Outbox(schema);
    // "Nothing after it" as max(seq) <= $1: the primary key answers max with one index probe,
    // where "not exists (seq > $1)" was planned once per connection for an unknown $1 and became
    // a scan of the whole log on every append.
    this.sql = "with head as (select ($1::int8 = 0 or exists (select 1 from " + log
        + " where seq = $1 and hash = $2)) and coalesce((select max(seq) from " + log
        + "), 0) <= $1 as ok),"
        + " rec as (insert into " + log + " (seq, recorded_at, actor, token_id, role, transport, peer,"
        + " method, path, action, object_type, object_id, status, reason, prev_hash, hash)"
        + " select r.* from unnest($3::int8[], $4::timestamptz[], $5::text[], $6::text[], $7::text[],"
        + " $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],"
        + " $15::int4[], $16::text[], $17::text[], $18::text[]) as r"
        + " where (select ok from head) returning seq),"
        // Ordered as the chain: the outbox's sequence (publication order) follows seq.
        + " evt as (" + outbox.insertAll(19, "(select ok from head)") + ")"
        + " select count(*) from rec";
  }

  String sql() {
    return sql;
  }

  /** The arguments: the head the records follow, the records and their events (same order). */
  static Tuple arguments(long headSeq, String headHash, List<AuditRecorded> records,
      List<CloudEvent<AuditRecorded>> events) {
    List<AuditRecorded> r = records;
    return concat(new Object[] {headSeq, headHash,
        col(r, AuditRecorded::seq, Long[]::new),
        col(r, x -> x.recordedAt().atOffset(ZoneOffset.UTC), OffsetDateTime[]::new),
        text(r, AuditRecorded::actor), text(r, AuditRecorded::tokenId), text(r, AuditRecorded::role),
        text(r, AuditRecorded::transport), text(r, AuditRecorded::peer), text(r, AuditRecorded::method),
        text(r, AuditRecorded::path), text(r, AuditRecorded::action), text(r, AuditRecorded::objectType),
        text(r, AuditRecorded::objectId), col(r, AuditRecorded::status, Integer[]::new),
        text(r, AuditRecorded::reason), text(r, AuditRecorded::prevHash), text(r, AuditRecorded::hash),
        }, Outbox.columns(events));
  }

  private static Tuple concat(Object[] first, List<Object> rest) {
    Object[] all = java.util.Arrays.copyOf(first, first.length + rest.size());
    for (int i = 0; i < rest.size(); i++) {
      all[first.length + i] = rest.get(i);
    }
    return Tuple.from(all);
  }

  private static <T> String[] text(List<? extends T> rows, Function<T, String> value) {
    return col(rows, value, String[]::new);
  }

  private static <T, V> V[] col(List<? extends T> rows, Function<T, V> value, IntFunction<V[]> array) {
    return rows.stream().map(value).toArray(array);
  }
}
