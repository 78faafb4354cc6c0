package io.berth.events.container.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/**
 * Fact: a container got a new name (Docker's {@code rename} event). Type
 * {@code io.berth.container.renamed.v1}.
 *
 * @param oldName previous name without leading slash
 * @param name new name without leading slash
 */
public record ContainerRenamed(
    String containerId, String oldName, String name, String image, Instant renamedAt)
    implements EventData {
  public ContainerRenamed {
    Objects.requireNonNull(containerId, "containerId");
  }
}
