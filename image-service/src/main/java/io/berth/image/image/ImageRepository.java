package io.berth.image.image;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Images and the blobs each one references. */
@ApplicationScoped
public class ImageRepository implements PanacheRepositoryBase<ImageEntity, String> {

  public Uni<ImageEntity> findByManifestDigest(String digest) {
    return find("manifestDigest", digest).firstResult();
  }

  /** Images whose id starts with {@code sha256:<prefix>}. */
  public Uni<List<ImageEntity>> findByIdPrefix(String hexPrefix) {
    return list("id like ?1", "sha256:" + hexPrefix.replace("%", "").replace("_", "") + "%");
  }

  /** Records that {@code imageId} references {@code digests} (config, layers, manifest). */
  public Uni<Void> addBlobRefs(String imageId, List<String> digests) {
    return Panache.getSession()
        .chain(
            s -> {
              Uni<Integer> all = Uni.createFrom().item(0);
              for (String d : digests) {
                all =
                    all.chain(
                        () ->
                            s.createNativeQuery(
                                    "insert into image.image_blob (image_id, digest) values (:i, :d)"
                                        + " on conflict do nothing")
                                .setParameter("i", imageId)
                                .setParameter("d", d)
                                .executeUpdate());
              }
              return all.replaceWithVoid();
            });
  }

  /** Of {@code digests}, those no image references any more and no registry repository links. */
  public Uni<List<String>> unreferenced(List<String> digests) {
    if (digests.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "select digest from image.image_blob where digest in (:ds)"
                            + " union select digest from image.repository_blob where digest in (:ds)",
                        String.class)
                    .setParameter("ds", digests)
                    .getResultList())
        .map(used -> digests.stream().filter(d -> !used.contains(d)).distinct().toList());
  }

  /** Images a build cache entry points at (step images a later build may reuse). */
  public Uni<List<String>> cachedByBuilds() {
    return Panache.getSession().chain(s -> s.createNativeQuery(
        "select distinct image_id from image.build_cache", String.class).getResultList());
  }
}
