package io.berth.image.image;

import io.berth.oci.Digest;
import io.berth.oci.ImageReference;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;

/**
 * Finds an image the way Docker does: full id ({@code sha256:<hex>} or bare hex), then {@code
 * name[:tag]} or {@code name@digest}, then a unique short-id prefix.
 */
@ApplicationScoped
public class ImageLookup {
  private static final Pattern FULL_ID = Pattern.compile("(?:sha256:)?([a-f0-9]{64})");
  private static final Pattern SHORT_ID = Pattern.compile("(?:sha256:)?([a-f0-9]{1,63})");

  private final ImageRepository images;
  private final TagRepository tags;

  public ImageLookup(ImageRepository images, TagRepository tags) {
    this.images = images;
    this.tags = tags;
  }

  /** The image {@code name} refers to; fails with {@link NoSuchImageException}. */
  public Uni<ResolvedImage> get(String name) {
    return find(name)
        .onItem()
        .ifNull()
        .failWith(() -> new NoSuchImageException(name));
  }

  /** The image {@code name} refers to, or null. */
  public Uni<ResolvedImage> find(String name) {
    var full = FULL_ID.matcher(name);
    if (full.matches()) {
      return images.findById("sha256:" + full.group(1)).map(i -> i == null ? null : new ResolvedImage(i, null));
    }
    ImageReference ref = parseOrNull(name);
    Uni<ResolvedImage> byRef = ref == null ? Uni.createFrom().nullItem() : byReference(ref);
    var shortId = SHORT_ID.matcher(name);
    if (!shortId.matches()) {
      return byRef;
    }
    return byRef.chain(
        found ->
            found != null
                ? Uni.createFrom().item(found)
                : images
                    .findByIdPrefix(shortId.group(1))
                    .map(list -> list.size() == 1 ? new ResolvedImage(list.get(0), null) : null));
  }

  private Uni<ResolvedImage> byReference(ImageReference ref) {
    if (ref.digest() != null) {
      return images.findByManifestDigest(ref.digest().toString()).map(i -> i == null ? null : new ResolvedImage(i, null));
    }
    return tags.findTag(ref.familiarName(), ref.tag())
        .chain(
            t ->
                t == null
                    ? Uni.createFrom().nullItem()
                    : images.findById(t.imageId).map(i -> i == null ? null : new ResolvedImage(i, t)));
  }

  /** The reference, or null when {@code name} is not a valid one. */
  public static ImageReference parseOrNull(String name) {
    try {
      return ImageReference.parse(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Docker's short image id: the first 12 hex characters. */
  public static String shortId(String imageId) {
    return Digest.parse(imageId).shortHex();
  }
}
