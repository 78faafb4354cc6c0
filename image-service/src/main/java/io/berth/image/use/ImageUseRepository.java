package io.berth.image.use;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which containers use which image (by manifest digest), as learnt from container-service's facts.
 * Both writes are idempotent and order-safe: a removal leaves a tombstone that a redelivered
 * creation cannot overwrite.
 */
@ApplicationScoped
public class ImageUseRepository {
  // manifest_digest may be absent in the event: "" rather than null.
  private final String insertCreated = "insert into image.image_use (container_id, manifest_digest)"
      + " select * from unnest($1::text[], $2::text[]) on conflict (container_id) do nothing";
  private final String upsertRemoved = "insert into image.image_use (container_id, removed)"
      + " select c, true from unnest($1::text[]) as u(c)"
      + " on conflict (container_id) do update set removed = true, updated_at = now()";

  /**
   * Applies a batch of container facts on {@code conn} (inside the consumer's transaction), two
   * statements whatever its size: creations ({@code containerId -> manifest digest}), then
   * removals. Both are idempotent and order-safe: a removal leaves a tombstone that a redelivered
   * creation cannot overwrite, so applying creations first gives the same result in any order.
   */
  public Uni<Void> apply(SqlConnection conn, Map<String, String> created, Set<String> removed) {
    Uni<Void> creations = created.isEmpty() ? Uni.createFrom().voidItem()
        : conn.preparedQuery(insertCreated).execute(Tuple.of(created.keySet().toArray(new String[0]),
            created.values().stream().map(d -> d == null ? "" : d).toArray(String[]::new))).replaceWithVoid();
    return creations.chain(() -> removed.isEmpty() ? Uni.createFrom().voidItem()
        : conn.preparedQuery(upsertRemoved).execute(Tuple.of((Object) removed.toArray(new String[0]))).replaceWithVoid());
  }

  /** Ids of live containers using the image with {@code manifestDigest}, oldest first. */
  public Uni<List<String>> containersUsing(String manifestDigest) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "select container_id from image.image_use where manifest_digest = :d"
                            + " and not removed order by updated_at, container_id",
                        String.class)
                    .setParameter("d", manifestDigest)
                    .getResultList());
  }
}
