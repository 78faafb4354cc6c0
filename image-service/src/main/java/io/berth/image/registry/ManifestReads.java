package io.berth.image.registry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The manifest GET hot path: one prepared statement straight on the reactive pool (no ORM
 * session), tag and manifest joined, so a pull's manifest requests cost one round trip each.
 */
@ApplicationScoped
public class ManifestReads {
  private static final String BY_TAG = "select m.digest, m.media_type, m.content from image.manifest_tag t"
      + " join image.manifest m on m.repository = t.repository and m.digest = t.digest"
      + " where t.repository = $1 and t.tag = $2";
  private static final String BY_DIGEST =
      "select digest, media_type, content from image.manifest where repository = $1 and digest = $2";

  private final Pool pool;

  public ManifestReads(Pool pool) {
    this.pool = pool;
  }

  /** The pushed manifest {@code tag} points at in {@code repository}, or null. */
  Uni<ServedManifest> byTag(String repository, String tag) {
    return pool.preparedQuery(BY_TAG).execute(Tuple.of(repository, tag)).map(ManifestReads::first);
  }

  /** The pushed manifest {@code digest} of {@code repository}, or null. */
  Uni<ServedManifest> byDigest(String repository, String digest) {
    return pool.preparedQuery(BY_DIGEST).execute(Tuple.of(repository, digest)).map(ManifestReads::first);
  }

  private static ServedManifest first(RowSet<Row> rows) {
    var it = rows.iterator();
    if (!it.hasNext()) {
      return null;
    }
    Row r = it.next();
    return new ServedManifest(r.getString(0), r.getString(1), r.getBuffer(2).getBytes());
  }
}
