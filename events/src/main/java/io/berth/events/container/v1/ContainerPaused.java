package io.berth.events.container.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/** Fact: a container was paused (Docker's {@code pause} event). Type {@code io.berth.container.paused.v1}. */
public record ContainerPaused(String containerId, String name, String image, Instant pausedAt) implements EventData {
  public ContainerPaused {
    Objects.requireNonNull(containerId, "containerId");
  }
}
