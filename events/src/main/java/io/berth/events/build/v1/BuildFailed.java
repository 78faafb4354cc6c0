package io.berth.events.build.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/**
 * Fact: a build stopped on an error; nothing was tagged. Type {@code io.berth.build.failed.v1}.
 *
 * @param step the failing step (1-based), or null when it failed before or between steps
 * @param exitCode the failing RUN's exit code, or null
 * @param message the error as the client saw it
 */
public record BuildFailed(String buildId, Integer step, Integer exitCode, String message, Instant failedAt)
    implements EventData {
  public BuildFailed {
    Objects.requireNonNull(buildId, "buildId");
    Objects.requireNonNull(message, "message");
  }
}
