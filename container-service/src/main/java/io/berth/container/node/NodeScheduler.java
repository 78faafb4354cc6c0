package io.berth.container.node;

import io.berth.container.container.ContainerRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Picks the node a container runs on: among nodes heard from within the liveness window, the one
 * with the fewest running containers (our own count, so two starts in a row spread out before the
 * next heartbeat says so), ties broken by node id for determinism.
 */
@ApplicationScoped
public class NodeScheduler {
  private final NodeRepository nodes;
  private final ContainerRepository containers;
  private final Duration liveness;

  public NodeScheduler(
      NodeRepository nodes,
      ContainerRepository containers,
      @ConfigProperty(name = "berth.scheduler.node-liveness", defaultValue = "PT10S") Duration liveness) {
    this.nodes = nodes;
    this.containers = containers;
    this.liveness = liveness;
  }

  /** The chosen node, or empty when no node is alive. Call inside a session. */
  public Uni<Optional<NodeEntity>> pick() {
    return nodes.liveSince(Instant.now().minus(liveness))
        .flatMap(live -> live.isEmpty()
            ? Uni.createFrom().item(Optional.<NodeEntity>empty())
            : containers.runningPerNode().map(counts -> choose(live, counts)));
  }

  /** Whether {@code nodeId} has sent a heartbeat within the liveness window. */
  public Uni<Boolean> isLive(String nodeId) {
    if (nodeId == null) {
      return Uni.createFrom().item(false);
    }
    return nodes.findById(nodeId)
        .map(n -> n != null && n.lastSeen != null && n.lastSeen.isAfter(Instant.now().minus(liveness)));
  }

  static Optional<NodeEntity> choose(List<NodeEntity> live, Map<String, Long> running) {
    return live.stream()
        .min(Comparator.<NodeEntity>comparingLong(n -> running.getOrDefault(n.id, 0L))
            .thenComparing(n -> n.id));
  }
}
