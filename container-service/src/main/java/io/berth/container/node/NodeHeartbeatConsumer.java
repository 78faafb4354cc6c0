package io.berth.container.node;

import io.berth.common.inbox.IncomingEvents;
import io.berth.events.CloudEvent;
import io.berth.events.node.v1.NodeHeartbeat;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the {@code nodes} table from NodeHeartbeat facts. Not deduplicated through the
 * processed-event table on purpose: applying a heartbeat twice is harmless (an upsert), and one
 * row per heartbeat would grow that table without end.
 */
@ApplicationScoped
public class NodeHeartbeatConsumer {
  public static final String CHANNEL = "node-heartbeats";

  private final NodeRepository nodes;

  public NodeHeartbeatConsumer(NodeRepository nodes) {
    this.nodes = nodes;
  }

  @Incoming(CHANNEL)
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    CloudEvent<?> event = IncomingEvents.decode(record);
    if (!(event.data() instanceof NodeHeartbeat hb)) {
      return Uni.createFrom().voidItem();
    }
    return Panache.withTransaction(() -> nodes.findById(hb.nodeId()).flatMap(existing -> {
      NodeEntity n = existing != null ? existing : new NodeEntity();
      n.id = hb.nodeId();
      n.address = hb.address();
      if (hb.capacity() != null) {
        n.cpus = hb.capacity().cpus();
        n.memoryBytes = hb.capacity().memoryBytes();
      }
      n.runningCount = hb.runningCount();
      n.lastSeen = seenAt(hb.sentAt(), existing);
      return existing != null ? Uni.createFrom().voidItem() : nodes.persist(n).replaceWithVoid();
    }));
  }

  // Replayed old heartbeats (a new consumer group reads from the start) must not make a dead node
  // look alive, and a node clock ahead of ours must not keep it alive: take the earlier time.
  static Instant seenAt(Instant sentAt, NodeEntity existing) {
    Instant now = Instant.now();
    Instant seen = sentAt == null || sentAt.isAfter(now) ? now : sentAt;
    return existing != null && existing.lastSeen != null && existing.lastSeen.isAfter(seen) ? existing.lastSeen : seen;
  }
}
