package io.berth.events.image.v1;

import io.berth.events.Collections2;
import io.berth.events.EventData;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Fact: an image is now in the store (pushed, pulled, loaded or built). Type
 * {@code io.berth.image.imported.v1}.
 *
 * @param imageId config digest {@code sha256:<hex>} (Docker's image id)
 * @param repoTags e.g. {@code busybox:latest}; may be empty (dangling image)
 * @param manifestDigest digest of the stored manifest bytes
 * @param size total size of config and layers, in bytes (compressed, as stored)
 */
public record ImageImported(
    String imageId, List<String> repoTags, String manifestDigest, long size, Instant importedAt)
    implements EventData {
  public ImageImported {
    Objects.requireNonNull(imageId, "imageId");
    repoTags = Collections2.list(repoTags);
  }
}
