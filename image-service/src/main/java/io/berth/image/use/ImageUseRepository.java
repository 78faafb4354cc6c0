package io.berth.image.use;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Which containers use which image (by manifest digest), as learnt from container-service's facts.
 * Both writes are idempotent and order-safe: a removal leaves a tombstone that a redelivered
 * creation cannot overwrite.
 */
@ApplicationScoped
public class ImageUseRepository {

  /** A container was created from the image with {@code manifestDigest}. */
  public Uni<Void> containerCreated(String containerId, String manifestDigest) {
    return update(
        "insert into image.image_use (container_id, manifest_digest) values (:c, :d)"
            + " on conflict (container_id) do nothing",
        containerId,
        manifestDigest);
  }

  /** A container was removed; it no longer holds its image. */
  public Uni<Void> containerRemoved(String containerId) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "insert into image.image_use (container_id, removed) values (:c, true)"
                            + " on conflict (container_id) do update set removed = true, updated_at = now()")
                    .setParameter("c", containerId)
                    .executeUpdate())
        .replaceWithVoid();
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

  private Uni<Void> update(String sql, String containerId, String digest) {
    // manifest_digest may be absent in the event; bind "" rather than an untyped null.
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(sql)
                    .setParameter("c", containerId)
                    .setParameter("d", digest == null ? "" : digest)
                    .executeUpdate())
        .replaceWithVoid();
  }
}
