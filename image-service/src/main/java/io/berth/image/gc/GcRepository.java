package io.berth.image.gc;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The database side of garbage collection: pruning stale links, and the mark (every referenced digest). */
@ApplicationScoped
public class GcRepository {

  /**
   * Drops links older than {@code graceSeconds} that no manifest of their repository references
   * (config or layer): blobs pushed but never used, or left behind by a deleted manifest. Young
   * links stay, so a push whose manifest has not arrived yet keeps its blobs.
   */
  public Uni<Integer> pruneLinks(long graceSeconds) {
    return Panache.getSession().chain(s -> s.createNativeQuery(
            "delete from image.repository_blob rb"
                + " where rb.linked_at < now() - (:g * interval '1 second')"
                + " and not exists (select 1 from image.manifest m"
                + "   cross join lateral (select convert_from(m.content, 'UTF8')::jsonb as j) doc"
                + "   where m.repository = rb.repository"
                + "   and (doc.j -> 'config' ->> 'digest' = rb.digest"
                + "     or doc.j -> 'layers' @> jsonb_build_array(jsonb_build_object('digest', rb.digest))))")
        .setParameter("g", graceSeconds).executeUpdate());
  }

  /** Every digest something still references: a repository link or a Docker image. */
  public Uni<Set<String>> referenced() {
    return Panache.getSession().chain(s -> s.createNativeQuery(
            "select digest from image.repository_blob union select digest from image.image_blob", String.class)
        .getResultList()).map((List<String> l) -> new HashSet<>(l));
  }
}
