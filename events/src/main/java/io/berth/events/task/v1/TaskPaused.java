package io.berth.events.task.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/** Fact: every process of the container is frozen on node {@code nodeId}. Type {@code io.berth.task.paused.v1}. */
public record TaskPaused(String containerId, String nodeId, Instant pausedAt) implements EventData {
  public TaskPaused {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(nodeId, "nodeId");
  }
}
