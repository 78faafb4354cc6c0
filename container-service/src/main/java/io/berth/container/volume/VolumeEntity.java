package io.berth.container.volume;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A volume record; its data is on the node(s) that mounted it. */
@Entity
@Table(name = "volumes")
public class VolumeEntity extends PanacheEntityBase {
  @Id public String name;

  public String driver = "local";

  /** JSON object of labels. */
  public String labels = "{}";

  /** JSON object of driver options. */
  public String options = "{}";

  /** Made for an image's VOLUME or a bare {@code -v /path}; {@code docker rm -v} removes it. */
  public boolean anonymous;

  @Column(name = "created_at")
  public Instant createdAt;
}
