package io.berth.events.container.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/** Fact: a container record was deleted. Type {@code io.berth.container.removed.v1}. */
public record ContainerRemoved(String containerId, String name, Instant removedAt)
    implements EventData {
  public ContainerRemoved {
    Objects.requireNonNull(containerId, "containerId");
  }
}
