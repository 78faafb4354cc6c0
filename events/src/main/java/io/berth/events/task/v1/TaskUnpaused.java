package io.berth.events.task.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/** Fact: a paused container's processes run again. Type {@code io.berth.task.unpaused.v1}. */
public record TaskUnpaused(String containerId, String nodeId, Instant unpausedAt) implements EventData {
  public TaskUnpaused {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(nodeId, "nodeId");
  }
}
