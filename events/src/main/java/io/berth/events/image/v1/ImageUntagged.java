package io.berth.events.image.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/**
 * Fact: a name no longer points at an image ({@code docker rmi} of a name, or the untag step of
 * an image's deletion). Type {@code io.berth.image.untagged.v1}; subject: the image id.
 *
 * @param imageId config digest {@code sha256:<hex>} (Docker's image id)
 * @param repoTag the removed name, e.g. {@code busybox:latest}
 */
public record ImageUntagged(String imageId, String repoTag, Instant untaggedAt) implements EventData {
  public ImageUntagged {
    Objects.requireNonNull(imageId, "imageId");
    Objects.requireNonNull(repoTag, "repoTag");
  }
}
