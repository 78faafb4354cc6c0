package io.berth.events.container.v1;

import io.berth.events.Collections2;
import io.berth.events.EventData;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Fact: container-service stored a new container record (state {@code created}). Type
 * {@code io.berth.container.created.v1}.
 *
 * @param name container name without leading slash
 * @param image the image reference as the user gave it
 * @param imageDigest manifest digest {@code image} resolved to (as in {@code RunContainer})
 */
public record ContainerCreated(
    String containerId,
    String name,
    String image,
    String imageDigest,
    Map<String, String> labels,
    Instant createdAt)
    implements EventData {

  public ContainerCreated {
    Objects.requireNonNull(containerId, "containerId");
    labels = Collections2.map(labels);
  }
}
