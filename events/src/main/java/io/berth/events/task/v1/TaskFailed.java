package io.berth.events.task.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/**
 * Fact: the node could not start the container (pull, unpack, bundle or OCI runtime error); no
 * process runs. Type {@code io.berth.task.failed.v1}.
 *
 * @param reason human-readable cause, shown to the user as Docker's start error message
 */
public record TaskFailed(String containerId, String nodeId, String reason, Instant failedAt)
    implements EventData {
  public TaskFailed {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(nodeId, "nodeId");
  }
}
