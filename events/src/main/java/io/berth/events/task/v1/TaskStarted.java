package io.berth.events.task.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/**
 * Fact: the container's main process runs on node {@code nodeId}. Type {@code io.berth.task.started.v1}.
 *
 * @param pid host pid of the container's init process
 */
public record TaskStarted(String containerId, String nodeId, long pid, Instant startedAt)
    implements EventData {
  public TaskStarted {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(nodeId, "nodeId");
  }
}
