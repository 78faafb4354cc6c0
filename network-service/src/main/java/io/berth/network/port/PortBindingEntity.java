package io.berth.network.port;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A published host port, held while its container is wired; unique per port and protocol. */
@Entity
@Table(name = "port_bindings")
public class PortBindingEntity extends PanacheEntityBase {
  @Id public String id;
  @Column(name = "container_id")
  public String containerId;
  @Column(name = "host_ip")
  public String hostIp;
  @Column(name = "host_port")
  public int hostPort;
  @Column(name = "container_port")
  public int containerPort;
  public String protocol;
  @Column(name = "created_at")
  public Instant createdAt;
}
