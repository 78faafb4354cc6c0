package io.berth.network.port;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Published host ports. */
@ApplicationScoped
public class PortBindingRepository implements PanacheRepositoryBase<PortBindingEntity, String> {
  public Uni<List<PortBindingEntity>> ofContainer(String containerId) {
    return list("containerId", containerId);
  }

  public Uni<List<PortBindingEntity>> ofProtocol(String protocol) {
    return list("protocol", protocol);
  }
}
