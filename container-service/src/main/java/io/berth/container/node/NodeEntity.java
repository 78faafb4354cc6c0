package io.berth.container.node;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A node-runtime worker as its last NodeHeartbeat described it. */
@Entity
@Table(name = "nodes")
public class NodeEntity extends PanacheEntityBase {
  @Id public String id;

  /** Base URL of the node's HTTP API (logs, attach, exec); the gateway proxies there. */
  public String address;

  public int cpus;

  @Column(name = "memory_bytes")
  public long memoryBytes;

  /** Running containers the node reported. */
  @Column(name = "running_count")
  public int runningCount;

  /** When the last heartbeat was sent (node clock) or received, whichever is later. */
  @Column(name = "last_seen")
  public Instant lastSeen;
}
