package io.berth.events.container.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/** Fact: a paused container runs again (Docker's {@code unpause} event). Type {@code io.berth.container.unpaused.v1}. */
public record ContainerUnpaused(String containerId, String name, String image, Instant unpausedAt) implements EventData {
  public ContainerUnpaused {
    Objects.requireNonNull(containerId, "containerId");
  }
}
