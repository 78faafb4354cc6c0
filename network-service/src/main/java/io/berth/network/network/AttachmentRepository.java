package io.berth.network.network;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Networks connected to stopped containers. */
@ApplicationScoped
public class AttachmentRepository implements PanacheRepositoryBase<AttachmentEntity, AttachmentEntity.Key> {
  public Uni<List<AttachmentEntity>> ofContainer(String containerId) {
    return list("key.containerId", containerId);
  }

  public Uni<Long> deleteOfContainer(String containerId) {
    return delete("key.containerId", containerId);
  }
}
