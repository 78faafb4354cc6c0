package io.berth.image.registry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which repositories hold which blobs (table repository_blob). Every statement is one prepared
 * statement straight on the reactive pool, autocommitted, without an ORM session: blob GETs,
 * HEADs and upload completions ask once per blob, and a session (plus, for writes, a transaction)
 * around each single statement cost more than the statement itself, the first one after start-up
 * most of a second.
 */
@ApplicationScoped
public class BlobLinkRepository {
  private static final String LINKED = "select 1 from image.repository_blob where repository = $1 and digest = $2";
  private static final String LINK = "insert into image.repository_blob (repository, digest) values ($1, $2)"
      + " on conflict (repository, digest) do update set linked_at = now()";
  private static final String RENEW = "update image.repository_blob set linked_at = now() where repository = $1 and digest = $2";
  private static final String UNLINK = "delete from image.repository_blob where repository = $1 and digest = $2";
  private static final String IN_USE = "select exists (select 1 from image.repository_blob where digest = $1)"
      + " or exists (select 1 from image.image_blob where digest = $1)";

  private final Pool pool;

  public BlobLinkRepository(Pool pool) {
    this.pool = pool;
  }

  public Uni<Boolean> linked(String repository, String digest) {
    return pool.preparedQuery(LINKED).execute(Tuple.of(repository, digest)).map(rows -> rows.size() > 0);
  }

  public Uni<Void> link(String repository, String digest) {
    return pool.preparedQuery(LINK).execute(Tuple.of(repository, digest)).replaceWithVoid();
  }

  /** Renews an existing link (garbage collection spares young links); false when there is none. */
  public Uni<Boolean> renew(String repository, String digest) {
    return pool.preparedQuery(RENEW).execute(Tuple.of(repository, digest)).map(BlobLinkRepository::changed);
  }

  public Uni<Boolean> unlink(String repository, String digest) {
    return pool.preparedQuery(UNLINK).execute(Tuple.of(repository, digest)).map(BlobLinkRepository::changed);
  }

  /** True when some repository link or Docker image still needs the blob's bytes. */
  public Uni<Boolean> inUse(String digest) {
    return pool.preparedQuery(IN_USE).execute(Tuple.of(digest)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  private static boolean changed(RowSet<Row> rows) {
    return rows.rowCount() > 0;
  }
}
