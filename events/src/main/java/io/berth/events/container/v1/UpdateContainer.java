package io.berth.events.container.v1;

import io.berth.events.EventData;
import java.util.Objects;

/**
 * Command to node {@code nodeId}: apply new resource limits to the running container (Docker's
 * {@code update}). Type {@code io.berth.container.update.v1}.
 *
 * @param resources the container's limits after the update (all of them, not only the changed ones)
 */
public record UpdateContainer(String containerId, String nodeId, ContainerResources resources) implements EventData {
  public UpdateContainer {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(resources, "resources");
  }
}
