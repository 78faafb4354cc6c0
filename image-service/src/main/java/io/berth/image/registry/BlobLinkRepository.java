package io.berth.image.registry;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Which repositories hold which blobs (table repository_blob); callers open the session. */
@ApplicationScoped
public class BlobLinkRepository {

  public Uni<Boolean> linked(String repository, String digest) {
    return Panache.getSession().chain(s -> s.createNativeQuery(
            "select count(*) from image.repository_blob where repository = :r and digest = :d", Long.class)
        .setParameter("r", repository).setParameter("d", digest).getSingleResult()).map(n -> n > 0);
  }

  public Uni<Void> link(String repository, String digest) {
    return Panache.getSession().chain(s -> s.createNativeQuery(
            "insert into image.repository_blob (repository, digest) values (:r, :d)"
                + " on conflict (repository, digest) do update set linked_at = now()")
        .setParameter("r", repository).setParameter("d", digest).executeUpdate()).replaceWithVoid();
  }

  /** Renews an existing link (garbage collection spares young links); false when there is none. */
  public Uni<Boolean> renew(String repository, String digest) {
    return Panache.getSession().chain(s -> s.createNativeQuery(
            "update image.repository_blob set linked_at = now() where repository = :r and digest = :d")
        .setParameter("r", repository).setParameter("d", digest).executeUpdate()).map(n -> n > 0);
  }

  public Uni<Boolean> unlink(String repository, String digest) {
    return Panache.getSession().chain(s -> s.createNativeQuery(
            "delete from image.repository_blob where repository = :r and digest = :d")
        .setParameter("r", repository).setParameter("d", digest).executeUpdate()).map(n -> n > 0);
  }

  /** True when some repository link or Docker image still needs the blob's bytes. */
  public Uni<Boolean> inUse(String digest) {
    return Panache.getSession().chain(s -> s.createNativeQuery(
            "select (select count(*) from image.repository_blob where digest = :d)"
                + " + (select count(*) from image.image_blob where digest = :d)", Long.class)
        .setParameter("d", digest).getSingleResult()).map(n -> n > 0);
  }
}
