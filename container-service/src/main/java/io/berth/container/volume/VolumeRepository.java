package io.berth.container.volume;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Volume records and which containers use them. */
@ApplicationScoped
public class VolumeRepository implements PanacheRepositoryBase<VolumeEntity, String> {
  // Native SQL is not qualified by Hibernate: the tables live in the service's own schema.
  private final String uses;
  private final String volumes;

  public VolumeRepository(io.berth.common.db.DbSchema schema) {
    this.uses = schema.table("container_volumes");
    this.volumes = schema.table("volumes");
  }

  /** Records that {@code containerId} uses {@code volume} (inside the caller's transaction). */
  public Uni<Void> addUse(String containerId, String volume) {
    return getSession().flatMap(s -> s.createNativeQuery(
            "insert into " + uses + " (container_id, volume_name) values (?1, ?2) on conflict do nothing")
        .setParameter(1, containerId).setParameter(2, volume).executeUpdate()).replaceWithVoid();
  }

  /** The ids of the containers that use {@code volume}. */
  public Uni<List<String>> users(String volume) {
    return getSession().flatMap(s -> s.<String>createNativeQuery(
            "select container_id from " + uses + " where volume_name = ?1 order by container_id", String.class)
        .setParameter(1, volume).getResultList());
  }

  /** Names of the volumes no container uses. */
  public Uni<List<String>> unused() {
    return getSession().flatMap(s -> s.<String>createNativeQuery(
            "select v.name from " + volumes + " v where not exists"
                + " (select 1 from " + uses + " u where u.volume_name = v.name) order by v.name", String.class)
        .getResultList());
  }

  /** The qualified name of the volumes table, for native SQL. */
  public String table() {
    return volumes;
  }

  /** Deletes the record with one statement (architecture.md, "Rows are deleted with one statement"). */
  public Uni<Void> deleteRow(String name) {
    return delete("name = ?1", name).replaceWithVoid();
  }
}
