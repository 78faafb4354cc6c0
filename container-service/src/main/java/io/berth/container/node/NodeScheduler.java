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
 *
 * <p>The live nodes are read at most once per {@link #reuse} (a tenth of the liveness window, at
 * most a second): every create and start asked, two reads of the node table on each `docker run`.
 * An empty answer is not kept and a node missing from the kept list is read again, so a node that
 * just sent its first heartbeat is usable at once; it may only wait that long to share placement.
 */
@ApplicationScoped
public class NodeScheduler {
  private final NodeRepository nodes;
  private final ContainerRepository containers;
  private final Duration liveness;
  private final long reuse;
  private volatile Live live;

  /** The live nodes as read at {@code readAt} (System.nanoTime). */
  private record Live(List<NodeEntity> nodes, long readAt) {}

  public NodeScheduler(
      NodeRepository nodes,
      ContainerRepository containers,
      @ConfigProperty(name = "berth.scheduler.node-liveness", defaultValue = "PT10S") Duration liveness) {
    this.nodes = nodes;
    this.containers = containers;
    this.liveness = liveness;
    this.reuse = Math.min(Duration.ofSeconds(1).toNanos(), liveness.toNanos() / 10);
  }

  /** The chosen node, or empty when no node is alive. Call inside a session. */
  public Uni<Optional<NodeEntity>> pick() {
    return liveNodes(null)
        .flatMap(live -> live.size() <= 1
            // Nothing to choose between: the running counts are not read.
            ? Uni.createFrom().item(live.stream().findFirst())
            : containers.runningPerNode().map(counts -> choose(live, counts)));
  }

  /** Whether {@code nodeId} has sent a heartbeat within the liveness window. */
  public Uni<Boolean> isLive(String nodeId) {
    if (nodeId == null) {
      return Uni.createFrom().item(false);
    }
    return liveNodes(nodeId).map(live -> live.stream().anyMatch(n -> n.id.equals(nodeId)));
  }

  /** The live nodes, read again unless a recent non-empty list (containing {@code wanted}, if given) is kept. */
  private Uni<List<NodeEntity>> liveNodes(String wanted) {
    Live kept = live;
    long now = System.nanoTime();
    if (kept != null && now - kept.readAt() < reuse
        && (wanted == null || kept.nodes().stream().anyMatch(n -> n.id.equals(wanted)))) {
      return Uni.createFrom().item(kept.nodes());
    }
    return nodes.liveSince(Instant.now().minus(liveness)).invoke(read -> {
      live = read.isEmpty() ? null : new Live(List.copyOf(read), now);
    });
  }

  static Optional<NodeEntity> choose(List<NodeEntity> live, Map<String, Long> running) {
    return live.stream()
        .min(Comparator.<NodeEntity>comparingLong(n -> running.getOrDefault(n.id, 0L))
            .thenComparing(n -> n.id));
  }
}
