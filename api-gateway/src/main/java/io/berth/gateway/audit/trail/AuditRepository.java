package io.berth.gateway.audit.trail;

import io.berth.common.db.DbSchema;
import io.berth.events.audit.v1.AuditRecorded;
import io.berth.gateway.audit.query.AuditFilter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Reads the audit trail in chain order: filtered pages and the whole chain in batches. */
@ApplicationScoped
public class AuditRepository {

  static final String COLUMNS = "seq, recorded_at, actor, token_id, role, transport, peer, method, path,"
      + " action, object_type, object_id, status, reason, prev_hash, hash";

  private final Pool pool;
  private final String table;

  public AuditRepository(Pool pool, DbSchema schema) {
    this.pool = pool;
    this.table = schema.table("audit_log");
  }

  /** Up to {@code limit} records matching {@code filter}, oldest first. */
  public Uni<List<AuditRecorded>> find(AuditFilter filter, int limit) {
    List<Object> args = new ArrayList<>();
    StringBuilder where = new StringBuilder(" where seq > $1");
    args.add(filter.after());
    if (filter.actor() != null) {
      args.add(filter.actor());
      where.append(" and (actor = $").append(args.size()).append(" or token_id = $").append(args.size()).append(')');
    }
    if (filter.object() != null) {
      args.add(filter.object());
      where.append(" and object_id = $").append(args.size());
    }
    if (filter.action() != null) {
      if (filter.action().endsWith("*")) {
        String prefix = filter.action().substring(0, filter.action().length() - 1);
        args.add(prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        where.append(" and action like $").append(args.size());
      } else {
        args.add(filter.action());
        where.append(" and action = $").append(args.size());
      }
    }
    if (filter.since() != null) {
      args.add(filter.since().atOffset(ZoneOffset.UTC));
      where.append(" and recorded_at >= $").append(args.size());
    }
    if (filter.until() != null) {
      args.add(filter.until().atOffset(ZoneOffset.UTC));
      where.append(" and recorded_at <= $").append(args.size());
    }
    args.add(limit);
    String sql = "select " + COLUMNS + " from " + table + where + " order by seq limit $" + args.size();
    return pool.preparedQuery(sql).execute(Tuple.from(args)).map(AuditRepository::records);
  }

  /** The whole chain, {@code limit} records after {@code seq} at a time. */
  public Uni<List<AuditRecorded>> chainAfter(long seq, int limit) {
    return pool.preparedQuery("select " + COLUMNS + " from " + table + " where seq > $1 order by seq limit $2")
        .execute(Tuple.of(seq, limit))
        .map(AuditRepository::records);
  }

  private static List<AuditRecorded> records(Iterable<Row> rows) {
    List<AuditRecorded> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new AuditRecorded(r.getLong("seq"), r.getOffsetDateTime("recorded_at").toInstant(),
          r.getString("actor"), r.getString("token_id"), r.getString("role"), r.getString("transport"),
          r.getString("peer"), r.getString("method"), r.getString("path"), r.getString("action"),
          r.getString("object_type"), r.getString("object_id"), r.getInteger("status"),
          r.getString("reason"), r.getString("prev_hash"), r.getString("hash")));
    }
    return out;
  }
}
