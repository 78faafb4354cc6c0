package io.berth.network.network;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A container's address on a network, held from its start until it exits or is removed. */
@Entity
@Table(name = "endpoints")
public class EndpointEntity extends PanacheEntityBase {
  @Id public String id;
  @Column(name = "network_id")
  public String networkId;
  @Column(name = "container_id")
  public String containerId;
  @Column(name = "container_name")
  public String containerName;
  @Column(name = "ip_address")
  public String ipAddress;
  @Column(name = "mac_address")
  public String macAddress;
  /** JSON array of the names the embedded DNS answers for this address. */
  public String aliases;
  @Column(name = "created_at")
  public Instant createdAt;
}
