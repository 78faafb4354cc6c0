package io.berth.container.node;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Internal API: the nodes this service can schedule on right now. The launcher waits for one
 * before it calls the platform ready, so the first `docker run` never races the first heartbeat.
 */
@Path("/internal/nodes")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {
  /** One live node as the scheduler sees it. */
  public record LiveNode(String id, String address, int runningCount, Instant lastSeen) {}

  private final NodeRepository nodes;
  private final Duration liveness;

  public NodeResource(
      NodeRepository nodes,
      @ConfigProperty(name = "berth.scheduler.node-liveness", defaultValue = "PT10S") Duration liveness) {
    this.nodes = nodes;
    this.liveness = liveness;
  }

  @GET
  @WithSession
  public Uni<List<LiveNode>> live() {
    return nodes.liveSince(Instant.now().minus(liveness))
        .map(list -> list.stream().map(n -> new LiveNode(n.id, n.address, n.runningCount, n.lastSeen)).toList());
  }
}
