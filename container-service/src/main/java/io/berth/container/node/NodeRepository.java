package io.berth.container.node;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Nodes known from heartbeats. */
@ApplicationScoped
public class NodeRepository implements PanacheRepositoryBase<NodeEntity, String> {

  /** Nodes whose last heartbeat is newer than {@code since}. */
  public Uni<List<NodeEntity>> liveSince(Instant since) {
    return list("lastSeen >= ?1", since);
  }
}
