package io.berth.events.container.v1;

import io.berth.events.EventData;
import java.util.Objects;

/**
 * Command to node {@code nodeId}: freeze every process of the container (Docker's {@code pause}, the
 * freezer cgroup). Type {@code io.berth.container.pause.v1}.
 */
public record PauseContainer(String containerId, String nodeId) implements EventData {
  public PauseContainer {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(nodeId, "nodeId");
  }
}
