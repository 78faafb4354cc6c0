package io.berth.image.build.cache;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The build cache rows (table build_cache): key → the image the step made. */
@ApplicationScoped
public class BuildCacheRepository {

  /** The image cached for {@code key} (and marks the entry used), or null. */
  public Uni<String> find(String key) {
    return Panache.getSession().chain(s -> s.createNativeQuery(
            "update image.build_cache set last_used = now() where key = :k returning image_id", String.class)
        .setParameter("k", key).getResultList())
        .map(ids -> ids.isEmpty() ? null : ids.get(0));
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
