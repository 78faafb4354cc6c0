package io.berth.events.node.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/**
 * Fact: node {@code nodeId} is alive, sent periodically. container-service derives the node list
 * and its scheduling input from these. Type {@code io.berth.node.heartbeat.v1}.
 *
 * @param address base URL of the node's HTTP API (logs, attach, exec), e.g. {@code http://127.0.0.1:8084}
 * @param runningCount containers currently running on the node
 */
public record NodeHeartbeat(
    String nodeId, String address, NodeCapacity capacity, int runningCount, Instant sentAt)
    implements EventData {
  public NodeHeartbeat {
    Objects.requireNonNull(nodeId, "nodeId");
  }
}
