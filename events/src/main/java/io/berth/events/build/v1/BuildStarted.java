package io.berth.events.build.v1;

import io.berth.events.Collections2;
import io.berth.events.EventData;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Fact: a Dockerfile build began. Type {@code io.berth.build.started.v1}.
 *
 * @param buildId the build's id (random, 64 hex)
 * @param dockerfile the Dockerfile's path in the context
 * @param target the stage asked for with --target, or null for the last one
 * @param tags the tags asked for (applied only if the build succeeds)
 * @param steps how many steps the build has
 */
public record BuildStarted(
    String buildId, String dockerfile, String target, List<String> tags, int steps, Instant startedAt)
    implements EventData {
  public BuildStarted {
    Objects.requireNonNull(buildId, "buildId");
    tags = Collections2.list(tags);
  }
}
