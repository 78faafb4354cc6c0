package io.berth.image.build.cache;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The build cache rows (table build_cache): key → the image the step made. */
@ApplicationScoped
public class BuildCacheRepository {
  private static final String LOOKUP = "select i.id, i.config, i.manifest from image.build_cache b"
      + " join image.image i on i.id = b.image_id where b.key = $1";

  private static final String TAGGED = "select i.id, i.config, i.manifest from image.tag t"
      + " join image.image i on i.id = t.image_id where t.repository = $1 and t.tag = $2";

  private static final String TAGGED_ID = "select image_id from image.tag where repository = $1 and tag = $2";

  /**
   * A speculative build's check: the ids cached for keys ($1), and those tagged by the (repository,
   * tag) pairs of $2 and $3. Rows with a null first column are cache entries.
   */
  private static final String CURRENT = "select null::text, b.key, b.image_id from image.build_cache b"
      + " join image.image i on i.id = b.image_id where b.key = any($1)"
      + " union all select t.repository, t.tag, t.image_id from image.tag t"
      + " join unnest($2::text[], $3::text[]) w(r, g) on t.repository = w.r and t.tag = w.g";

  private final Pool pool;

  public BuildCacheRepository(Pool pool) {
    this.pool = pool;
  }

  /** A cache hit: the step image's id, config and manifest. */
  public record Hit(String imageId, byte[] config, byte[] manifest) {}

  /**
   * The image cached for {@code key}, or null: one prepared statement on the reactive pool (no ORM
   * session, no transaction), because a fully cached rebuild is mostly these lookups. The entry's
   * last_used is updated later, with the build's other writes ({@link #touch}).
   */
  public Uni<Hit> lookup(String key) {
    return pool.preparedQuery(LOOKUP).execute(Tuple.of(key)).map(BuildCacheRepository::first);
  }

  /** The image tagged {@code repository:tag} (a build's FROM), or null: one read, as {@link #lookup}. */
  public Uni<Hit> tagged(String repository, String tag) {
    return pool.preparedQuery(TAGGED).execute(Tuple.of(repository, tag)).map(BuildCacheRepository::first);
  }


  /** A tag's name: the familiar repository name and the tag. */
  public record TagName(String repository, String tag) {}

  /** What {@link #current} read: key → cached image id, tag → tagged image id (absent: none). */
  public record Current(java.util.Map<String, String> cached, java.util.Map<TagName, String> tagged) {}

  /** The image ids cached for {@code keys} and tagged by {@code tags} (those that have one), in one read. */
  public Uni<Current> current(List<String> keys, java.util.Collection<TagName> tags) {
    Tuple args = Tuple.of(keys.toArray(String[]::new), tags.stream().map(TagName::repository).toArray(String[]::new),
        tags.stream().map(TagName::tag).toArray(String[]::new));
    return pool.preparedQuery(CURRENT).execute(args).map(rows -> {
      java.util.Map<String, String> cached = new java.util.HashMap<>();
      java.util.Map<TagName, String> tagged = new java.util.HashMap<>();
      rows.forEach(r -> {
        if (r.getString(0) == null) {
          cached.put(r.getString(1), r.getString(2));
        } else {
          tagged.put(new TagName(r.getString(0), r.getString(1)), r.getString(2));
        }
      });
      return new Current(cached, tagged);
    });
  }

  /** The id of the image tagged {@code repository:tag}, or null: one read, as {@link #lookup}. */
  public Uni<String> taggedId(String repository, String tag) {
    return pool.preparedQuery(TAGGED_ID).execute(Tuple.of(repository, tag)).map(rows -> {
      var it = rows.iterator();
      return it.hasNext() ? it.next().getString(0) : null;
    });
  }

  private static Hit first(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
    var it = rows.iterator();
    if (!it.hasNext()) {
      return null;
    }
    Row r = it.next();
    return new Hit(r.getString(0), r.getBuffer(1).getBytes(), r.getBuffer(2).getBytes());
  }

  /** Marks the entries {@code keys} used now (in the caller's transaction). */
  public Uni<Void> touch(List<String> keys) {
    if (keys.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Panache.getSession().chain(s -> s.createNativeQuery(
            "update image.build_cache set last_used = now() where key in (:k)")
        .setParameter("k", keys).executeUpdate()).replaceWithVoid();
  }

  /** Marks the entries {@code keys} used now (in {@code conn}'s transaction, on the plain client). */
  public Uni<Void> touch(io.vertx.mutiny.sqlclient.SqlConnection conn, List<String> keys) {
    if (keys.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return conn.preparedQuery("update image.build_cache set last_used = now() where key = any($1)")
        .execute(Tuple.of(keys.toArray(String[]::new))).replaceWithVoid();
  }

  /** Records (or moves) the entry for {@code key}. */
  public Uni<Void> put(String key, String parentId, String createdBy, String imageId) {
    return Panache.getSession().chain(s -> s.createNativeQuery(
            "insert into image.build_cache (key, parent_id, created_by, image_id) values (:k, :p, :c, :i)"
                + " on conflict (key) do update set image_id = excluded.image_id, last_used = now()")
        .setParameter("k", key).setParameter("p", parentId).setParameter("c", createdBy).setParameter("i", imageId)
        .executeUpdate()).replaceWithVoid();
  }

  /** Deletes every entry; returns their keys. */
  public Uni<List<String>> deleteAll() {
    return Panache.getSession().chain(s -> s.createNativeQuery(
            "delete from image.build_cache returning key", String.class).getResultList());
  }

  /**
   * Untagged images made by builds that no image was built from and no cache entry needs: what
   * {@code docker builder prune} may remove next (leaves first, so parents follow in later rounds).
   */
  public Uni<List<String>> removableStepImages() {
    return Panache.getSession().chain(s -> s.createNativeQuery(
            "select i.id from image.image i where i.parent_id is not null"
                + " and not exists (select 1 from image.tag t where t.image_id = i.id)"
                + " and not exists (select 1 from image.image c where c.parent_id = i.id)"
                + " and not exists (select 1 from image.build_cache b where b.image_id = i.id)", String.class)
        .getResultList());
  }
}
