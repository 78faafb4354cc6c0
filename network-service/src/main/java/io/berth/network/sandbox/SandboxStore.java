package io.berth.network.sandbox;

import io.berth.common.db.DbSchema;
import io.berth.common.inbox.IdempotentBatchConsumer;
import io.berth.common.outbox.Outbox;
import io.berth.events.CloudEvent;
import io.berth.network.ipam.Ipv4;
import io.berth.network.network.AttachmentEntity;
import io.berth.network.network.EndpointEntity;
import io.berth.network.network.NetworkEntity;
import io.berth.network.port.PortAllocator;
import io.berth.network.port.PortBindingEntity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The start path's and the release path's SQL, on the plain reactive pool (no ORM session).
 *
 * <p>A start is one transaction of two round trips. The first pipelines {@code BEGIN}, the row
 * locks of the container's networks (primary and attached, in id order so two starts never
 * deadlock), the ports' advisory lock when ports are wanted, and the read of the addresses and
 * ports in use. The read is a statement of its own, sent after the locks, so in READ COMMITTED it
 * sees every allocation committed before the locks were granted. Java then decides (addresses,
 * host-port probe) and the second round trip pipelines one statement that releases the previous
 * run's allocation and writes the new one with its facts, and {@code COMMIT}.
 */
@ApplicationScoped
public class SandboxStore {
  private final Pool pool;
  private final String lock;
  private final String read;
  private final String write;
  private final String release;
  private final String releaseFacts;

  public SandboxStore(Pool pool, DbSchema schema, IdempotentBatchConsumer batches) {
    this.pool = pool;
    // $1 the primary network's ref (id, name or id prefix), $2 the container.
    String candidate = "(n.id = $1 or n.name = $1 or (length($1) > 0 and left(n.id, length($1)) = $1))";
    this.lock = "select n.id, n.name, n.driver, n.subnet, n.gateway, n.ip_range, n.internal, n.is_default, n.bridge,"
        + " " + candidate + " as candidate, a.container_id is not null as attached, a.ip_address as attached_ip,"
        + " a.aliases as attached_aliases, a.created_at as attached_at"
        + " from " + schema.table("networks") + " n left join " + schema.table("attachments") + " a"
        + " on a.network_id = n.id and a.container_id = $2"
        + " where " + candidate + " or a.container_id is not null"
        + " order by n.id for no key update of n";
    // $3 whether ports are wanted, $4 the start's time: what the container held before it is released.
    this.read = "select e.network_id, e.ip_address, null::int as host_port, null::text as protocol"
        + " from " + schema.table("endpoints") + " e"
        + " where not (e.container_id = $2 and e.created_at <= $4) and e.network_id in ("
        + "select n.id from " + schema.table("networks") + " n where " + candidate
        + " union select a.network_id from " + schema.table("attachments") + " a where a.container_id = $2)"
        + " union all select null, null, p.host_port, p.protocol from " + schema.table("port_bindings") + " p"
        + " where $3 and not (p.container_id = $2 and p.created_at <= $4)";
    this.write = "with f as (select $1::text as container_id, $2::timestamptz as up_to, false as forget), "
        + ReleaseSql.ctes(schema, 28) + ","
        // Reading gone/gone_ports first deletes the previous rows before the unique checks of the new ones.
        + " new_endpoints as (insert into " + schema.table("endpoints")
        + " (id, network_id, container_id, container_name, ip_address, mac_address, aliases, created_at)"
        + " select * from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],"
        + " $10::timestamptz[]) where (select count(*) from gone) >= 0),"
        + " new_ports as (insert into " + schema.table("port_bindings")
        + " (id, container_id, host_ip, host_port, container_port, protocol, created_at)"
        + " select * from unnest($11::text[], $12::text[], $13::text[], $14::int[], $15::int[], $16::text[],"
        + " $17::timestamptz[]) where (select count(*) from gone_ports) >= 0),"
        // Outbox.insertAll's rows (Outbox.columns), without its ordering: these facts have a key each.
        + " connected as (insert into " + schema.table("outbox") + Outbox.COLUMNS
        + " select * from unnest($18::uuid[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[],"
        + " $24::timestamptz[], $25::text[], $26::text[], $27::text[]) where (select count(*) from disconnected) >= 0)"
        + " select count(*) as released from gone";
    String releaseTail = " select count(*) as released from gone";
    this.release = "with f as (select * from unnest($1::text[], $2::timestamptz[], $3::bool[])"
        + " as u(container_id, up_to, forget)), " + ReleaseSql.ctes(schema, 4) + releaseTail;
    // The facts' dedupe rows in the same statement: only facts seen for the first time release.
    this.releaseFacts = "with fresh as (" + batches.firstSeenCte() + "),"
        + " f as (select u.container_id, u.up_to, u.forget"
        + " from unnest($3::text[], $4::timestamptz[], $5::bool[], $1::text[], $2::text[])"
        + " as u(container_id, up_to, forget, source, id) join fresh on fresh.source = u.source and fresh.id = u.id), "
        + ReleaseSql.ctes(schema, 6) + releaseTail;
  }

  /**
   * Every statement this class sends: each must stay under the client's prepared statement cache
   * limit (2048 characters), or it is parsed and planned again on every call.
   */
  List<String> statements() {
    return List.of(lock, read, write, release, releaseFacts);
  }

  /** A network the start locked: the primary's candidates by ref, and the container's attachments. */
  record LockedNetwork(NetworkEntity network, boolean candidate, AttachmentEntity attachment) {}

  /** What the start decides from, read under the locks; the container's own previous allocation left out. */
  record Reads(List<LockedNetwork> networks, Map<String, Set<Long>> used, Set<String> takenPorts) {}

  /** What the start writes, with its facts. */
  record Writes(List<EndpointEntity> endpoints, List<PortBindingEntity> ports, List<CloudEvent<?>> facts) {}

  /** One container to release. */
  record Release(String containerId, Instant upTo, boolean forget) {}

  /**
   * Replaces {@code containerId}'s allocation in one transaction: {@code decide} gets the reads
   * and may throw (nothing is kept then); its answer's {@code writes} are written.
   */
  <T> Uni<T> allocate(String ref, String containerId, Instant upTo, boolean ports, Function<Reads, T> decide,
                      Function<T, Writes> writes) {
    // Once BEGIN is sent the transaction runs to its end even if the caller goes away: a cancelled
    // chain must never hand the connection back to the pool inside an open transaction, locks held.
    // Pool.withConnection already runs its function to the end; the detached copy (cancelling a
    // copy does not cancel the original) keeps that true whatever the binding does.
    return Uni.createFrom().completionStage(() -> transaction(ref, containerId, upTo, ports, decide, writes)
        .subscribeAsCompletionStage().copy());
  }

  private <T> Uni<T> transaction(String ref, String containerId, Instant upTo, boolean ports, Function<Reads, T> decide,
                                 Function<T, Writes> writes) {
    return pool.withConnection(conn -> {
      boolean[] open = {true};
      List<CompletableFuture<RowSet<Row>>> first = new ArrayList<>();
      first.add(send(conn, "begin", null));
      CompletableFuture<RowSet<Row>> locked = send(conn, lock, Tuple.of(ref, containerId));
      first.add(locked);
      if (ports) {
        first.add(send(conn, PortAllocator.LOCK, null));
      }
      CompletableFuture<RowSet<Row>> used = send(conn, read, Tuple.of(ref, containerId, ports, utc(upTo)));
      first.add(used);
      return all(first)
          .map(x -> decide.apply(reads(locked.join(), used.join())))
          .chain(answer -> {
            Writes w = writes.apply(answer);
            CompletableFuture<RowSet<Row>> written = send(conn, write, writeTuple(containerId, upTo, w));
            CompletableFuture<RowSet<Row>> committed = send(conn, "commit", null);
            open[0] = false; // COMMIT ends the transaction, as a ROLLBACK if the write failed.
            return all(List.of(written, committed)).replaceWith(answer);
          })
          .onFailure().call(() -> open[0] ? Uni.createFrom().completionStage(send(conn, "rollback", null))
              .onFailure().recoverWithNull() : Uni.createFrom().voidItem());
    });
  }

  /** Releases in one statement, outside any transaction of the caller; the number of endpoints released. */
  Uni<Long> release(List<Release> releases) {
    Tuple args = withConstants(List.of(releases.stream().map(Release::containerId).toArray(String[]::new),
        releases.stream().map(r -> utc(r.upTo())).toArray(OffsetDateTime[]::new),
        releases.stream().map(Release::forget).toArray(Boolean[]::new)));
    return pool.preparedQuery(release).execute(args).map(SandboxStore::released);
  }

  /**
   * As {@link #release} for consumed facts, with their dedupe rows in the same statement: a fact
   * seen before releases nothing. {@code releases.get(i)} belongs to {@code facts.get(i)}.
   */
  Uni<Long> releaseOnce(List<IdempotentBatchConsumer.Fact> facts, List<Release> releases) {
    Tuple args = withConstants(List.of(IdempotentBatchConsumer.sources(facts), IdempotentBatchConsumer.ids(facts),
        releases.stream().map(Release::containerId).toArray(String[]::new),
        releases.stream().map(r -> utc(r.upTo())).toArray(OffsetDateTime[]::new),
        releases.stream().map(Release::forget).toArray(Boolean[]::new)));
    return pool.preparedQuery(releaseFacts).execute(args).map(SandboxStore::released);
  }

  private static long released(RowSet<Row> rows) {
    return rows.iterator().next().getLong("released");
  }

  private static Reads reads(RowSet<Row> locked, RowSet<Row> used) {
    List<LockedNetwork> networks = new ArrayList<>();
    for (Row r : locked) {
      NetworkEntity n = new NetworkEntity();
      n.id = r.getString("id");
      n.name = r.getString("name");
      n.driver = r.getString("driver");
      n.subnet = r.getString("subnet");
      n.gateway = r.getString("gateway");
      n.ipRange = r.getString("ip_range");
      n.internal = r.getBoolean("internal");
      n.isDefault = r.getBoolean("is_default");
      n.bridge = r.getString("bridge");
      AttachmentEntity a = null;
      if (r.getBoolean("attached")) {
        a = new AttachmentEntity();
        a.ipAddress = r.getString("attached_ip");
        a.aliases = r.getString("attached_aliases");
        a.createdAt = r.getOffsetDateTime("attached_at").toInstant();
      }
      networks.add(new LockedNetwork(n, r.getBoolean("candidate"), a));
    }
    Map<String, Set<Long>> addresses = new HashMap<>();
    Set<String> ports = new HashSet<>();
    for (Row r : used) {
      String network = r.getString("network_id");
      if (network != null) {
        addresses.computeIfAbsent(network, k -> new HashSet<>()).add(Ipv4.parse(r.getString("ip_address")));
      } else {
        ports.add(r.getInteger("host_port") + "/" + r.getString("protocol"));
      }
    }
    return new Reads(networks, addresses, ports);
  }

  private static Tuple writeTuple(String containerId, Instant upTo, Writes w) {
    List<EndpointEntity> e = w.endpoints();
    List<PortBindingEntity> p = w.ports();
    List<CloudEvent<?>> o = w.facts();
    List<Object> args = new ArrayList<>(List.of(containerId, utc(upTo),
        strings(e, x -> x.id), strings(e, x -> x.networkId), strings(e, x -> x.containerId),
        strings(e, x -> x.containerName), strings(e, x -> x.ipAddress), strings(e, x -> x.macAddress),
        strings(e, x -> x.aliases), e.stream().map(x -> utc(x.createdAt)).toArray(OffsetDateTime[]::new),
        strings(p, x -> x.id), strings(p, x -> x.containerId), strings(p, x -> x.hostIp),
        p.stream().map(x -> x.hostPort).toArray(Integer[]::new), p.stream().map(x -> x.containerPort).toArray(Integer[]::new),
        strings(p, x -> x.protocol), p.stream().map(x -> utc(x.createdAt)).toArray(OffsetDateTime[]::new)));
    args.addAll(Outbox.columns(o));
    return withConstants(args);
  }

  private static Tuple withConstants(List<Object> args) {
    List<Object> all = new ArrayList<>(args);
    all.addAll(List.of((Object[]) ReleaseSql.constants()));
    return Tuple.from(all);
  }

  private static <X> String[] strings(List<X> items, Function<X, String> field) {
    return items.stream().map(field).toArray(String[]::new);
  }

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }

  // Sends at once (the connection pipelines what is sent before earlier answers arrive).
  private static CompletableFuture<RowSet<Row>> send(SqlConnection conn, String sql, Tuple args) {
    Uni<RowSet<Row>> q = args == null ? conn.query(sql).execute() : conn.preparedQuery(sql).execute(args);
    return q.subscribeAsCompletionStage();
  }

  // Waits for every statement sent, then fails with the first failure in sending order: a later
  // statement only fails because the transaction was already aborted.
  private static Uni<Void> all(List<CompletableFuture<RowSet<Row>>> sent) {
    CompletableFuture<Void> done = CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
        .handle((x, e) -> null);
    return Uni.createFrom().completionStage(done).invoke(() -> {
      for (CompletableFuture<RowSet<Row>> f : sent) {
        if (f.isCompletedExceptionally()) {
          try {
            f.join();
          } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
          }
        }
      }
    });
  }
}
