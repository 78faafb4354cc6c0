package io.berth.events.container.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/**
 * Command to node {@code nodeId}: pull the image if needed, create and start the container. The
 * node answers with {@code TaskStarted} or {@code TaskFailed}. Type {@code io.berth.container.run.v1}.
 *
 * @param containerId full 64-hex container id (also the subject / Kafka key)
 * @param nodeId the node that must run it; other nodes ignore the command
 * @param name container name without leading slash, for logs and diagnostics (optional)
 * @param imageRef the reference the user gave, e.g. {@code busybox:latest} (for display)
 * @param imageDigest manifest digest to pull, {@code sha256:<hex>}: the node pulls by digest, never by tag
 * @param registry base URL of the OCI registry to pull from, e.g. {@code http://127.0.0.1:5050}
 * @param repository repository name in that registry, e.g. {@code library/busybox}
 * @param spec process and environment to run
 * @param requestedAt when container-service issued the command
 * @param network how to wire the network namespace (optional; null = private namespace, loopback only)
 */
public record RunContainer(
    String containerId,
    String nodeId,
    String name,
    String imageRef,
    String imageDigest,
    String registry,
    String repository,
    ContainerSpec spec,
    Instant requestedAt,
    ContainerNetwork network)
    implements EventData {

  /** A command without network wiring (loopback only). */
  public RunContainer(
      String containerId, String nodeId, String name, String imageRef, String imageDigest,
      String registry, String repository, ContainerSpec spec, Instant requestedAt) {
    this(containerId, nodeId, name, imageRef, imageDigest, registry, repository, spec, requestedAt, null);
  }

  public RunContainer {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(imageDigest, "imageDigest");
    Objects.requireNonNull(spec, "spec");
  }
}
