package io.berth.events.image.v1;

import io.berth.events.Collections2;
import io.berth.events.EventData;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Fact: a Dockerfile build made this image (its final stage) and tagged it. Type {@code
 * io.berth.image.built.v1}.
 *
 * @param repoTags the tags now on it; may be empty (an untagged build)
 * @param buildId the build that made it
 */
public record ImageBuilt(
    String imageId, List<String> repoTags, String manifestDigest, long size, String buildId, Instant builtAt)
    implements EventData {
  public ImageBuilt {
    Objects.requireNonNull(imageId, "imageId");
    repoTags = Collections2.list(repoTags);
  }
}
