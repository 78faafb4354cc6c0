package io.berth.image.registry;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** Pushed manifests and their tags (tables manifest, manifest_tag); callers open the session. */
@ApplicationScoped
public class ManifestRepository {
  private static final String COLUMNS = "repository, digest, media_type, content, subject, artifact_type";

  public Uni<StoredManifest> find(String repository, String digest) {
    return query("select " + COLUMNS + " from image.manifest where repository = :r and digest = :d",
        q -> q.setParameter("r", repository).setParameter("d", digest))
        .map(l -> l.isEmpty() ? null : l.get(0));
  }

  /** Manifests of {@code repository} whose subject is {@code digest}, oldest first. */
  public Uni<List<StoredManifest>> referrers(String repository, String digest) {
    return query("select " + COLUMNS + " from image.manifest where repository = :r and subject = :d order by pushed_at, digest",
        q -> q.setParameter("r", repository).setParameter("d", digest));
  }

  public Uni<String> tagged(String repository, String tag) {
    return Panache.getSession().chain(s -> s.createNativeQuery(
            "select digest from image.manifest_tag where repository = :r and tag = :t", String.class)
        .setParameter("r", repository).setParameter("t", tag).getResultList())
        .map(l -> l.isEmpty() ? null : l.get(0));
  }

  public Uni<List<String>> tags(String repository) {
    return Panache.getSession().chain(s -> s.createNativeQuery(
            "select tag from image.manifest_tag where repository = :r", String.class)
        .setParameter("r", repository).getResultList());
  }

  /** Repositories holding a pushed manifest, a blob or a Docker image tag. */
  public Uni<List<String>> repositories() {
    return Panache.getSession().chain(s -> s.createNativeQuery(
            "select repository from image.manifest union select repository from image.repository_blob"
                + " union select repository from image.tag", String.class)
        .getResultList());
  }

  /** True when something was pushed to {@code repository}. */
  public Uni<Boolean> repositoryExists(String repository) {
    return Panache.getSession().chain(s -> s.createNativeQuery(
            "select (select count(*) from image.manifest where repository = :r)"
                + " + (select count(*) from image.repository_blob where repository = :r)", Long.class)
        .setParameter("r", repository).getSingleResult()).map(n -> n > 0);
  }

  /** Stores a manifest; pushing the same bytes again is a no-op. */
  public Uni<Void> insert(StoredManifest m) {
    return Panache.getSession().chain(s -> s.createNativeQuery(
            "insert into image.manifest (" + COLUMNS + ") values (:r, :d, :m, :c, :s, :a) on conflict do nothing")
        .setParameter("r", m.repository()).setParameter("d", m.digest()).setParameter("m", m.mediaType())
        .setParameter("c", m.content()).setParameter("s", m.subject()).setParameter("a", m.artifactType())
        .executeUpdate()).replaceWithVoid();
  }

  /** Points {@code repository:tag} at {@code digest}; returns the digest it pointed at before, or null. */
  public Uni<String> tag(String repository, String tag, String digest) {
    return tagged(repository, tag).call(previous -> Panache.getSession().chain(s -> s.createNativeQuery(
            "insert into image.manifest_tag (repository, tag, digest) values (:r, :t, :d)"
                + " on conflict (repository, tag) do update set digest = excluded.digest, tagged_at = now()")
        .setParameter("r", repository).setParameter("t", tag).setParameter("d", digest).executeUpdate()));
  }

  /** Deletes a manifest and the tags on it; false if it was not there. */
  public Uni<Boolean> delete(String repository, String digest) {
    return update("delete from image.manifest where repository = :r and digest = :d", repository, digest);
  }

  public Uni<Boolean> untag(String repository, String tag) {
    return update("delete from image.manifest_tag where repository = :r and tag = :d", repository, tag);
  }

  private static Uni<Boolean> update(String sql, String repository, String value) {
    return Panache.getSession().chain(s -> s.createNativeQuery(sql)
        .setParameter("r", repository).setParameter("d", value).executeUpdate()).map(n -> n > 0);
  }

  private static Uni<List<StoredManifest>> query(
      String sql, java.util.function.UnaryOperator<Mutiny.SelectionQuery<Object[]>> params) {
    return Panache.getSession()
        .chain(s -> params.apply(s.createNativeQuery(sql, Object[].class)).getResultList())
        .map(rows -> rows.stream().map(r -> new StoredManifest(
            (String) r[0], (String) r[1], (String) r[2], (byte[]) r[3], (String) r[4], (String) r[5])).toList());
  }
}
