package io.berth.network.network;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A network a stopped container was connected to; it gets an endpoint at the next start. */
@Entity
@Table(name = "attachments")
public class AttachmentEntity extends PanacheEntityBase {
  @EmbeddedId public Key key;
  /** Requested address ({@code --ip}), or null for any. */
  @Column(name = "ip_address")
  public String ipAddress;
  /** JSON array ({@code --alias}). */
  public String aliases;
  @Column(name = "created_at")
  public Instant createdAt;

  @Embeddable
  public record Key(
      @Column(name = "container_id") String containerId,
      @Column(name = "network_id") String networkId) implements Serializable {}
}
