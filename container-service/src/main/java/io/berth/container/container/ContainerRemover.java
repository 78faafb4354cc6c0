package io.berth.container.container;

import io.berth.container.volume.MountSpec;
import io.berth.events.container.v1.ContainerDied;
import io.berth.events.container.v1.ContainerRemoved;
import io.berth.events.container.v1.KillContainer;
import io.berth.events.container.v1.RemoveContainer;
import io.berth.events.volume.v1.RemoveVolume;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Removes a container record inside the caller's transaction: kills it first if it still runs,
 * tells its node to delete bundle, snapshot and logs, leaves a tombstone and announces the
 * removal. Used by {@code docker rm} and by {@code --rm} when the task ends.
 *
 * <p>Why the record goes at once instead of after the node confirms: the name is free again the
 * moment {@code docker rm} returns (scripts do {@code rm -f x && run --name x}), and a node that is
 * down must not keep records alive forever. The node cleans up asynchronously; RemoveContainer
 * follows KillContainer on the same key, so it is handled after the kill.
 */
@ApplicationScoped
public class ContainerRemover {
  /** Exit code Docker reports for a container ended by SIGKILL. */
  static final int KILLED = 128 + 9;

  private final ContainerRecords records;
  private final ContainerMapper mapper;

  public ContainerRemover(ContainerRecords records, ContainerMapper mapper) {
    this.records = records;
    this.mapper = mapper;
  }

  /**
   * Turns {@code change} into the removal of its record (locked by the caller, on {@code conn}).
   * {@code force} allows removing a running container; {@code anonymousVolumes} also removes the
   * anonymous volumes no other container uses ({@code docker rm -v}, {@code --rm}). Nothing is
   * written until the caller writes the change.
   */
  public Uni<ContainerChange> remove(SqlConnection conn, ContainerChange change, boolean force, boolean anonymousVolumes) {
    ContainerEntity c = change.container();
    if (c.isRunning() && !force) {
      return Uni.createFrom().failure(ContainerErrors.removeRunning(c.id));
    }
    ContainerState wasState = c.state;
    c.transitionTo(ContainerState.REMOVING);
    Instant now = Instant.now();
    if (wasState == ContainerState.RUNNING || wasState == ContainerState.PAUSED) {
      c.exitCode = KILLED;
      c.finishedAt = now;
      change.emit(new KillContainer(c.id, c.nodeId, "SIGKILL"))
          .emit(new ContainerDied(c.id, c.name, c.image, KILLED, false, now));
    }
    if (c.nodeId != null) {
      change.emit(new RemoveContainer(c.id, c.nodeId));
    }
    List<String> candidates = anonymousVolumes
        ? mapper.mounts(c).stream().filter(MountSpec::isVolume).map(MountSpec::name).distinct().toList()
        : List.of();
    return records.removableVolumes(conn, c.id, candidates).map(volumes -> {
      change.remove(now, volumes);
      volumes.forEach(v -> change.emit(new RemoveVolume(v)));
      return change.emit(new ContainerRemoved(c.id, c.name, now));
    });
  }
}
