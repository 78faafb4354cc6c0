package io.berth.events.image.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/**
 * Fact: a name now points at an image ({@code docker tag}). Type {@code io.berth.image.tagged.v1};
 * subject: the image id.
 *
 * @param imageId config digest {@code sha256:<hex>} (Docker's image id)
 * @param repoTag the new name, e.g. {@code registry.example:5000/team/app:1.0}
 * @param previousImageId the image the name pointed at before, or null if it was new
 */
public record ImageTagged(String imageId, String repoTag, String previousImageId, Instant taggedAt)
    implements EventData {
  public ImageTagged {
    Objects.requireNonNull(imageId, "imageId");
    Objects.requireNonNull(repoTag, "repoTag");
  }
}
