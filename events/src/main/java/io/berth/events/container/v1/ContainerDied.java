package io.berth.events.container.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/**
 * Fact: container-service recorded that a container's task ended (Docker's {@code die} event).
 * Type {@code io.berth.container.died.v1}.
 *
 * @param exitCode exit status; 128+N when killed by signal N
 * @param oomKilled the kernel's OOM killer ended it
 */
public record ContainerDied(
    String containerId, String name, String image, int exitCode, boolean oomKilled, Instant diedAt)
    implements EventData {
  public ContainerDied {
    Objects.requireNonNull(containerId, "containerId");
  }
}
