package io.berth.image.registry;

import io.berth.common.outbox.Outbox;
import io.berth.events.Envelope;
import io.berth.events.Sources;
import io.berth.events.image.v1.ImagePushed;
import io.berth.oci.Digest;
import java.time.Instant;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds, stores and deletes manifests of a repository: pushed ones first, then (read-only) the
 * manifests of Docker images tagged under that name.
 */
@ApplicationScoped
public class ManifestService {
  private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

  private static final String SOURCE = Sources.service("image-service");

  private final ManifestRepository manifests;
  private final ManifestReads reads;
  private final RegistryService images;
  private final Outbox outbox;

  public ManifestService(ManifestRepository manifests, ManifestReads reads, RegistryService images, Outbox outbox) {
    this.manifests = manifests;
    this.reads = reads;
    this.images = images;
    this.outbox = outbox;
  }

  static boolean isDigest(String reference) {
    return reference.contains(":");
  }

  static String validTag(String tag) {
    if (!TAG.matcher(tag).matches()) {
      throw new RegistryException(RegistryErrorCode.TAG_INVALID, Map.of("tag", tag));
    }
    return tag;
  }

  /**
   * The manifest {@code reference} (tag or digest) names in {@code name}: a pushed one through
   * the one-query path, else a Docker image's (in an ORM session).
   */
  public Uni<ServedManifest> find(String name, String reference, String host) {
    if (!RegistryService.isValidName(name)) {
      return Panache.withSession(() -> fromImages(name, reference, host));
    }
    Uni<ServedManifest> pushed = isDigest(reference)
        ? reads.byDigest(name, RegistryDigests.parse(reference).toString())
        : reads.byTag(name, reference);
    return pushed.chain(m -> m != null ? Uni.createFrom().item(m) : Panache.withSession(() -> fromImages(name, reference, host)));
  }

  private Uni<ServedManifest> fromImages(String name, String reference, String host) {
    return images.repository(name, host)
        .chain(repo -> images.manifest(repo, reference))
        .map(i -> new ServedManifest(i.manifestDigest, i.manifestMediaType, i.manifest))
        .onFailure(e -> e instanceof RegistryException r && r.code() == RegistryErrorCode.NAME_UNKNOWN)
        .recoverWithUni(e -> manifests.repositoryExists(name).map(exists -> {
          if (exists) {
            throw new RegistryException(RegistryErrorCode.MANIFEST_UNKNOWN, Map.of("name", name, "reference", reference));
          }
          throw (RegistryException) e;
        }));
  }

  /**
   * Stores a validated manifest, moves the tag (if any) onto it and records {@code ImagePushed},
   * all in one transaction.
   */
  public Uni<Void> store(StoredManifest m, String tag) {
    ImagePushed fact = new ImagePushed(m.repository(), tag, m.digest(), m.mediaType(), m.subject(), Instant.now());
    return Panache.withTransaction(() -> manifests.insert(m)
        .chain(() -> tag == null ? Uni.createFrom().voidItem() : manifests.tag(m.repository(), tag, m.digest()).replaceWithVoid())
        .chain(() -> outbox.add(Envelope.of(SOURCE, fact))));
  }

  /** Deletes a manifest (by digest) or a tag; 404 when absent, 405 for a Docker image's manifest. */
  public Uni<Void> delete(String name, String reference, String host) {
    RegistryService.validName(name);
    if (!isDigest(reference)) {
      return Panache.withTransaction(() -> manifests.untag(name, reference)).chain(found -> found
          ? Uni.createFrom().voidItem()
          : Uni.createFrom().failure(new RegistryException(RegistryErrorCode.MANIFEST_UNKNOWN, Map.of("name", name, "reference", reference))));
    }
    Digest digest = RegistryDigests.parse(reference);
    return Panache.withTransaction(() -> manifests.delete(name, digest.toString())).chain(found -> found
        ? Uni.createFrom().voidItem()
        : find(name, reference, host).chain(image -> Uni.createFrom().failure(new RegistryException(
            RegistryErrorCode.UNSUPPORTED, Map.of("reason", "a Docker image's manifest: remove the image with docker rmi")))));
  }
}
