package io.berth.events.image.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/**
 * Fact: an image left the store ({@code docker rmi}). Type {@code io.berth.image.deleted.v1};
 * subject: the image id.
 *
 * @param imageId config digest {@code sha256:<hex>} (Docker's image id)
 * @param manifestDigest digest of its manifest
 */
public record ImageDeleted(String imageId, String manifestDigest, Instant deletedAt) implements EventData {
  public ImageDeleted {
    Objects.requireNonNull(imageId, "imageId");
  }
}
