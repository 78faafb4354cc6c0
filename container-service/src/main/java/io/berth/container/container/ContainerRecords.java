package io.berth.container.container;

import io.berth.common.db.DbSchema;
import io.berth.common.outbox.Outbox;
import io.berth.events.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The hot path's access to container records, on the plain reactive client inside the caller's
 * transaction ({@code pool.withTransaction}): a fact or removal is one statement to lock and read
 * the row (with the fact's dedupe row) and one to write everything it changes (row or tombstone,
 * volumes, outbox rows). Through Hibernate the same work was a dozen statements with milliseconds
 * of ORM work between them, on the path of every {@code docker run --rm}.
 *
 * <p>The rows read here are detached {@link ContainerEntity} objects with only what facts, starts
 * and removals read and write: name, image, mounts, network settings and the task fields, not the
 * create request's config.
 */
@ApplicationScoped
public class ContainerRecords {
  // The columns a fact or a removal needs; the config JSON stays in the database.
  private static final String COLUMNS = "c.id, c.name, c.image, c.node_id, c.state, c.pid, c.exit_code, c.error,"
      + " c.oom_killed, c.started_at, c.finished_at, c.auto_remove, c.start_count, c.exit_count, c.failure_count,"
      + " c.mounts, c.network_settings";

  /** A locked record, or null if there is none; {@code fresh}: the fact was seen for the first time. */
  public record Locked(boolean fresh, ContainerEntity container) {}

  private final Outbox outbox;
  private final String lockForFact;
  private final String lock;
  private final String update;
  private final String delete;
  private final String removableVolumes;
  private final String tombstones;
  private final String volumes;
  private final String uses;

  public ContainerRecords(DbSchema schema, Outbox outbox) {
    this.outbox = outbox;
    String containers = schema.table("containers");
    this.tombstones = schema.table("tombstones");
    this.volumes = schema.table("volumes");
    this.uses = schema.table("container_volumes");
    // The dedupe row is written even when the container is gone: the fact is then consumed.
    this.lockForFact = "with d as (insert into " + schema.table("processed_event") + " (source, id) values ($1, $2)"
        + " on conflict do nothing returning 1)"
        + " select exists (select 1 from d) as fresh, " + COLUMNS + " from " + containers + " c where c.id = $3"
        + " for update of c";
    this.lock = "select true as fresh, " + COLUMNS + " from " + containers + " c where c.id = $1 for update of c";
    this.update = "update " + containers + " set state = $2, node_id = $3, pid = $4, exit_code = $5, error = $6,"
        + " oom_killed = $7, started_at = $8, finished_at = $9, start_count = $10, exit_count = $11,"
        + " failure_count = $12, network_settings = $13 where id = $1";
    this.delete = "delete from " + containers + " where id = $1";
    this.removableVolumes = "select v.name from " + volumes + " v where v.name = any($2::text[]) and v.anonymous"
        + " and not exists (select 1 from " + uses + " u where u.volume_name = v.name and u.container_id <> $1)"
        + " order by array_position($2::text[], v.name::text)";
  }

  /**
   * Writes the dedupe row of {@code fact} and locks the record {@code containerId} for the rest
   * of the transaction, in one statement.
   */
  public Uni<Locked> lockForFact(SqlConnection conn, CloudEvent<?> fact, String containerId) {
    return conn.preparedQuery(lockForFact).execute(Tuple.of(fact.source(), fact.id(), containerId))
        .map(rows -> {
          RowIterator<Row> it = rows.iterator();
          // No row: the container is gone. Whether the fact was new no longer matters then.
          return it.hasNext() ? read(it.next()) : new Locked(true, null);
        });
  }

  /** Locks the record {@code id} for the rest of the transaction; null if there is none. */
  public Uni<ContainerEntity> lock(SqlConnection conn, String id) {
    return conn.preparedQuery(lock).execute(Tuple.of(id)).map(rows -> {
      RowIterator<Row> it = rows.iterator();
      return it.hasNext() ? read(it.next()).container() : null;
    });
  }

  /**
   * Of {@code names}, the anonymous volumes no container other than {@code containerId} uses, in
   * the order given (read under the container's lock; a use added meanwhile makes the volume's
   * delete fail on its foreign key, and the transaction with it, rather than remove a used volume).
   */
  public Uni<List<String>> removableVolumes(SqlConnection conn, String containerId, List<String> names) {
    if (names.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return conn.preparedQuery(removableVolumes).execute(Tuple.of(containerId, names.toArray(new String[0])))
        .map(rows -> {
          List<String> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getString(0)));
          return out;
        });
  }

  /** Writes {@code change} in one statement; nothing when it changed nothing. */
  public Uni<Void> write(SqlConnection conn, ContainerChange change) {
    if (!change.isChanged()) {
      return Uni.createFrom().voidItem();
    }
    ContainerEntity c = change.container();
    List<Object> params = new ArrayList<>();
    List<String> ctes = new ArrayList<>();
    params.add(c.id);
    ContainerChange.Removal removal = change.removal();
    if (removal == null) {
      params.addAll(java.util.Arrays.asList(c.state.name(), c.nodeId, c.pid, c.exitCode, c.error, c.oomKilled,
          time(c.startedAt), time(c.finishedAt), c.startCount, c.exitCount, c.failureCount, c.networkSettings));
      ctes.add("u as (" + update + ")");
    } else {
      ctes.add("g as (" + delete + ")");
      // Replaces a tombstone of the same id (old ones are swept by TombstoneSweeper).
      int p = params.size() + 1;
      ContainerTombstone t = change.committed().tombstone();
      params.addAll(java.util.Arrays.asList(t.name, t.exitCode, t.error, t.startCount, time(t.removedAt)));
      ctes.add("t as (insert into " + tombstones + " (id, name, exit_code, error, start_count, removed_at)"
          + " values ($1, $" + p + ", $" + (p + 1) + ", $" + (p + 2) + ", $" + (p + 3) + ", $" + (p + 4) + ")"
          + " on conflict (id) do update set name = excluded.name, exit_code = excluded.exit_code,"
          + " error = excluded.error, start_count = excluded.start_count, removed_at = excluded.removed_at)");
      if (!removal.anonymousVolumes().isEmpty()) {
        // The container's uses go in the statement itself, so the volumes' foreign keys hold
        // at its end (the cascade from the row's delete would come too late for them).
        params.add(removal.anonymousVolumes().toArray(new String[0]));
        ctes.add("x as (delete from " + uses + " where container_id = $1)");
        ctes.add("v as (delete from " + volumes + " where name = any($" + params.size() + "::text[]))");
      }
    }
    if (!change.events().isEmpty()) {
      ctes.add("o as (" + outbox.insertAll(params.size() + 1) + ")");
      params.addAll(Outbox.columns(change.events()));
    }
    String sql = "with " + String.join(", ", ctes) + " select 1";
    return conn.preparedQuery(sql).execute(Tuple.tuple(params)).replaceWithVoid();
  }

  private static Locked read(Row r) {
    ContainerEntity c = new ContainerEntity();
    c.id = r.getString("id");
    c.name = r.getString("name");
    c.image = r.getString("image");
    c.nodeId = r.getString("node_id");
    c.state = ContainerState.valueOf(r.getString("state"));
    c.pid = r.getInteger("pid");
    c.exitCode = r.getInteger("exit_code");
    c.error = r.getString("error");
    c.oomKilled = r.getBoolean("oom_killed");
    c.startedAt = instant(r.getOffsetDateTime("started_at"));
    c.finishedAt = instant(r.getOffsetDateTime("finished_at"));
    c.autoRemove = r.getBoolean("auto_remove");
    c.startCount = r.getInteger("start_count");
    c.exitCount = r.getInteger("exit_count");
    c.failureCount = r.getInteger("failure_count");
    c.mounts = r.getString("mounts");
    c.networkSettings = r.getString("network_settings");
    return new Locked(r.getBoolean("fresh"), c);
  }

  private static OffsetDateTime time(Instant t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
