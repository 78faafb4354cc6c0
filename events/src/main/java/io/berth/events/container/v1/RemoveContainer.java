package io.berth.events.container.v1;

import io.berth.events.EventData;
import java.util.Objects;

/**
 * Command to node {@code nodeId}: delete the container's bundle, snapshot and logs (the task has
 * already exited or been killed). Type {@code io.berth.container.remove.v1}.
 */
public record RemoveContainer(String containerId, String nodeId) implements EventData {
  public RemoveContainer {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(nodeId, "nodeId");
  }
}
