package io.berth.image.registry;

import io.berth.image.image.ImageEntity;
import io.berth.image.image.ImageRepository;
import io.berth.image.image.ResolveResponse;
import io.berth.image.image.TagEntity;
import io.berth.image.image.TagRepository;
import io.berth.oci.Digest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The read side of the Distribution API over Berth's image metadata. A registry name maps to the
 * repository Docker shows: {@code busybox} (also as {@code library/busybox}) or {@code
 * <host>/<name>} when the image was tagged with this registry's address.
 */
@ApplicationScoped
public class RegistryService {
  private static final Pattern NAME =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

  private final TagRepository tags;
  private final ImageRepository images;

  public RegistryService(TagRepository tags, ImageRepository images) {
    this.tags = tags;
    this.images = images;
  }

  /** The stored repository {@code name} refers to; NAME_INVALID / NAME_UNKNOWN otherwise. */
  @WithSession
  public Uni<String> repository(String name, String host) {
    if (ResolveResponse.BY_DIGEST_REPOSITORY.equals(name)) {
      return Uni.createFrom().item(name);
    }
    if (!isValidName(name)) {
      // Docker images pulled from elsewhere keep their registry in the name (127.0.0.1:5000/app):
      // not a valid /v2/ name, but node-runtime reads them by it.
      return tags.repositoryExists(name).map(found -> {
        if (!found) {
          throw new RegistryException(RegistryErrorCode.NAME_INVALID, Map.of("name", name));
        }
        return name;
      });
    }
    return firstExisting(candidates(name, host), 0)
        .onItem().ifNull().failWith(() -> new RegistryException(RegistryErrorCode.NAME_UNKNOWN, Map.of("name", name)));
  }

  public static boolean isValidName(String name) {
    return name != null && name.length() <= 255 && NAME.matcher(name).matches();
  }

  /** Rejects names the spec does not allow (NAME_INVALID). */
  public static String validName(String name) {
    if (!isValidName(name)) {
      throw new RegistryException(RegistryErrorCode.NAME_INVALID, Map.of("name", String.valueOf(name)));
    }
    return name;
  }

  /** For blocking callers: true when {@code name} is a repository of Docker images. */
  public boolean isImageRepository(String name, String host) {
    try {
      Await.await(() -> repository(name, host));
      return true;
    } catch (RegistryException e) {
      return false;
    }
  }

  private Uni<String> firstExisting(List<String> names, int i) {
    if (i >= names.size()) {
      return Uni.createFrom().nullItem();
    }
    return tags.repositoryExists(names.get(i))
        .chain(found -> found ? Uni.createFrom().item(names.get(i)) : firstExisting(names, i + 1));
  }

  static List<String> candidates(String name, String host) {
    List<String> out = new ArrayList<>();
    out.add(name);
    if (name.startsWith("library/") && name.indexOf('/', 8) < 0) {
      out.add(name.substring(8));
    }
    if (host != null && !host.isEmpty()) {
      out.add(host + "/" + name);
    }
    return out;
  }

  /** The image a tag or manifest digest names within {@code repository}; MANIFEST_UNKNOWN if none. */
  @WithSession
  public Uni<ImageEntity> manifest(String repository, String reference) {
    Uni<ImageEntity> found;
    if (reference.contains(":")) {
      Digest digest;
      try {
        digest = Digest.parse(reference);
      } catch (IllegalArgumentException e) {
        return Uni.createFrom().failure(new RegistryException(RegistryErrorCode.DIGEST_INVALID, Map.of("digest", reference)));
      }
      found = images.findByManifestDigest(digest.toString())
          .chain(i -> i == null || ResolveResponse.BY_DIGEST_REPOSITORY.equals(repository) ? Uni.createFrom().item(i)
              : tags.findByImage(i.id).map(ts -> ts.stream().anyMatch(t -> t.repository.equals(repository)) ? i : null));
    } else {
      found = tags.findTag(repository, reference)
          .chain(t -> t == null ? Uni.createFrom().nullItem() : images.findById(t.imageId));
    }
    return found.onItem().ifNull().failWith(() ->
        new RegistryException(RegistryErrorCode.MANIFEST_UNKNOWN, Map.of("name", repository, "reference", reference)));
  }

  /** Tags of {@code repository}, sorted. */
  @WithSession
  public Uni<List<String>> tags(String repository) {
    return tags.list("repository = ?1 order by tag", repository).map(l -> l.stream().map((TagEntity t) -> t.tag).toList());
  }
}
