package io.berth.network.network;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A bridge network: its address plan and the Linux bridge that carries it on nodes. Immutable. */
@Entity
@Table(name = "networks")
public class NetworkEntity extends PanacheEntityBase {
  @Id public String id;
  public String name;
  public String driver;
  /** IPv4 CIDR; never overlaps another network's (exclusion constraint). */
  public String subnet;
  public String gateway;
  /** Sub-range addresses are handed out from ({@code --ip-range}), or null for the whole subnet. */
  @Column(name = "ip_range")
  public String ipRange;
  public boolean internal;
  /** The default {@code bridge} network: no name resolution, cannot be removed. */
  @Column(name = "is_default")
  public boolean isDefault;
  /** Linux bridge device name on the node, at most 15 characters. */
  public String bridge;
  /** JSON object. */
  public String labels;
  /** JSON object: the driver options given at create. */
  public String options;
  @Column(name = "created_at")
  public Instant createdAt;
}
