package io.berth.network.network;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Endpoints (addresses in use). */
@ApplicationScoped
public class EndpointRepository implements PanacheRepositoryBase<EndpointEntity, String> {
  public Uni<List<EndpointEntity>> onNetwork(String networkId) {
    return list("networkId", networkId);
  }

  public Uni<List<EndpointEntity>> ofContainer(String containerId) {
    return list("containerId", containerId);
  }

  public Uni<List<EndpointEntity>> ofContainerOnNetwork(String containerId, String networkId) {
    return list("containerId = ?1 and networkId = ?2", containerId, networkId);
  }

  public Uni<Long> countOnNetwork(String networkId) {
    return count("networkId", networkId);
  }
}
