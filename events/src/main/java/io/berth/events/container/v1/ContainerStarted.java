package io.berth.events.container.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/**
 * Fact: container-service recorded that a container's task runs (Docker's {@code start} event),
 * published on the container topic so it stays ordered with create and destroy. Type
 * {@code io.berth.container.started.v1}.
 *
 * @param name container name without leading slash
 * @param image the image reference as the user gave it
 * @param pid host pid of the container's init process
 */
public record ContainerStarted(
    String containerId, String name, String image, String nodeId, long pid, Instant startedAt)
    implements EventData {
  public ContainerStarted {
    Objects.requireNonNull(containerId, "containerId");
  }
}
