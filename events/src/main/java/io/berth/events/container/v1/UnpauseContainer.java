package io.berth.events.container.v1;

import io.berth.events.EventData;
import java.util.Objects;

/**
 * Command to node {@code nodeId}: thaw a paused container (Docker's {@code unpause}). Type {@code io.berth.container.unpause.v1}.
 */
public record UnpauseContainer(String containerId, String nodeId) implements EventData {
  public UnpauseContainer {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(nodeId, "nodeId");
  }
}
