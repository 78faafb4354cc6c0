package io.berth.events.task.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/**
 * Fact: the container's main process ended. Type {@code io.berth.task.exited.v1}.
 *
 * @param exitCode the exit status; 128+N when killed by signal N (as Docker and conmon report it)
 * @param signal name of the terminating signal ({@code SIGKILL}), null when it exited by itself
 * @param oomKilled the kernel's OOM killer ended it
 */
public record TaskExited(
    String containerId, String nodeId, int exitCode, String signal, boolean oomKilled, Instant exitedAt)
    implements EventData {
  public TaskExited {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(nodeId, "nodeId");
  }
}
