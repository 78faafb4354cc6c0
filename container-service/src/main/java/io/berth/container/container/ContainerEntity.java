package io.berth.container.container;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The stored container record (containerd's Container, not the Task): the desired spec plus the
 * last known task state. Immutable after create: id, image*, repository, config, hostConfig,
 * createdAt. Mutable: name (rename), nodeId, state and the task fields.
 */
@Entity
@Table(name = "containers")
public class ContainerEntity extends PanacheEntityBase {
  /** Required, immutable: 64 hex digits. */
  @Id public String id;

  /** Required, unique, without leading slash. */
  public String name;

  /** Required: the image reference as the user wrote it. */
  public String image;

  /** Required: {@code sha256:<hex>} of the image config. */
  @Column(name = "image_id")
  public String imageId;

  /** Required: the manifest digest the node pulls. */
  @Column(name = "manifest_digest")
  public String manifestDigest;

  /** Required: repository name in image-service's registry. */
  public String repository;

  /** Required: Docker's ContainerConfig JSON, merged with the image config. */
  public String config;

  /** Required: Docker's HostConfig JSON as received. */
  @Column(name = "host_config")
  public String hostConfig;

  /** Optional: Docker's NetworkingConfig JSON of the create request (aliases, --ip). */
  @Column(name = "networking_config")
  public String networkingConfig;

  /** Optional: Docker's NetworkSettings JSON of the current run, from network-service at start. */
  @Column(name = "network_settings")
  public String networkSettings;

  /** Required: labels as a JSON object. */
  public String labels;

  /** Resolved mounts, JSON: a list of {@link io.berth.container.volume.MountSpec}. */
  public String mounts = "[]";

  /** Optional: the node the container is scheduled on. */
  @Column(name = "node_id")
  public String nodeId;

  @Enumerated(EnumType.STRING)
  public ContainerState state;

  public Integer pid;

  @Column(name = "exit_code")
  public int exitCode;

  public String error;

  @Column(name = "oom_killed")
  public boolean oomKilled;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  @Column(name = "restart_count")
  public int restartCount;

  @Column(name = "auto_remove")
  public boolean autoRemove;

  /** TaskStarted facts applied so far: a start request waits for it to grow. */
  @Column(name = "start_count")
  public int startCount;

  /** TaskExited facts applied so far: stop and {@code wait next-exit} wait for it to grow. */
  @Column(name = "exit_count")
  public int exitCount;

  /** TaskFailed facts applied so far: a start request fails when it grows. */
  @Column(name = "failure_count")
  public int failureCount;

  /** Moves to {@code target} if the lifecycle allows it. */
  public void transitionTo(ContainerState target) {
    state = state.transitionTo(target);
  }

  /** Whether the task exists: a paused container is running too, as in Docker's State.Running. */
  public boolean isRunning() {
    return state == ContainerState.RUNNING || state == ContainerState.PAUSED;
  }
}
