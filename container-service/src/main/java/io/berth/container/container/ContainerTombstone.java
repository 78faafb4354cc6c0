package io.berth.container.container;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The last words of a removed container, written by {@link ContainerRecords} with the removal and
 * kept about an hour for late waiters ({@link TombstoneSweeper}).
 */
@Entity
@Table(name = "tombstones")
public class ContainerTombstone extends PanacheEntityBase {
  @Id public String id;
  public String name;

  @Column(name = "exit_code")
  public int exitCode;

  public String error;

  @Column(name = "start_count")
  public int startCount;

  @Column(name = "removed_at")
  public Instant removedAt;
}
