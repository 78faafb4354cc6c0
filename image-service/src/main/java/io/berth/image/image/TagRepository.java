package io.berth.image.image;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** name:tag → image id. */
@ApplicationScoped
public class TagRepository implements PanacheRepositoryBase<TagEntity, TagEntity.Key> {

  public Uni<TagEntity> findTag(String repository, String tag) {
    return findById(new TagEntity.Key(repository, tag));
  }

  public Uni<List<TagEntity>> findByImage(String imageId) {
    return list("imageId = ?1 order by repository, tag", imageId);
  }

  public Uni<Boolean> repositoryExists(String repository) {
    return count("repository", repository).map(n -> n > 0);
  }

  /** Points {@code repository:tag} at {@code imageId}, creating or moving the tag. */
  public Uni<Void> upsert(String repository, String tag, String imageId) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "insert into image.tag (repository, tag, image_id, tagged_at) values (:r, :t, :i, now())"
                            + " on conflict (repository, tag) do update"
                            + " set image_id = excluded.image_id, tagged_at = excluded.tagged_at")
                    .setParameter("r", repository)
                    .setParameter("t", tag)
                    .setParameter("i", imageId)
                    .executeUpdate())
        .replaceWithVoid();
  }

  /** Repositories (familiar names) with a tag on an image that references {@code digest}. */
  public Uni<List<String>> repositoriesHolding(String digest) {
    return Panache.getSession().chain(s -> s.createNativeQuery(
            "select distinct t.repository from image.tag t join image.image_blob b on b.image_id = t.image_id"
                + " where b.digest = :d order by t.repository", String.class)
        .setParameter("d", digest).getResultList());
  }
}
