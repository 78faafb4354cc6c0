package io.berth.events.build.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/**
 * Fact: one step of a build produced its image. Type {@code io.berth.buildstep.completed.v1}
 * (noun {@code buildstep}: the type rule allows one word per part, so the type
 * does not follow the class name mechanically).
 *
 * @param step 1-based step number, as in "Step 3/8"
 * @param instruction the Dockerfile line, as the build output shows it
 * @param imageId the step's resulting image
 * @param cached whether the build cache supplied it
 */
public record BuildStepCompleted(
    String buildId, int step, int steps, String instruction, String imageId, boolean cached, Instant completedAt)
    implements EventData {
  public BuildStepCompleted {
    Objects.requireNonNull(buildId, "buildId");
    Objects.requireNonNull(imageId, "imageId");
  }
}
