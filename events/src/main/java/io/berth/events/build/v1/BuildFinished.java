package io.berth.events.build.v1;

import io.berth.events.Collections2;
import io.berth.events.EventData;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Fact: a build succeeded and its tags point at the result. Type {@code io.berth.build.finished.v1}.
 *
 * @param cachedSteps how many of the steps came from the build cache
 */
public record BuildFinished(
    String buildId, String imageId, List<String> tags, int steps, int cachedSteps, Instant finishedAt)
    implements EventData {
  public BuildFinished {
    Objects.requireNonNull(buildId, "buildId");
    Objects.requireNonNull(imageId, "imageId");
    tags = Collections2.list(tags);
  }
}
