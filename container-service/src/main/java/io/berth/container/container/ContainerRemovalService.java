package io.berth.container.container;

import io.berth.container.network.ContainerNetworking;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code DELETE /containers/{id}}. */
@ApplicationScoped
public class ContainerRemovalService {
  private final ContainerService service;
  private final ContainerRepository containers;
  private final ContainerRemover remover;
  private final ContainerChangeNotifier notifier;
  private final ContainerNetworking networking;

  public ContainerRemovalService(
      ContainerService service, ContainerRepository containers, ContainerRemover remover,
      ContainerChangeNotifier notifier, ContainerNetworking networking) {
    this.networking = networking;
    this.service = service;
    this.containers = containers;
    this.remover = remover;
    this.notifier = notifier;
  }

  /** Removes the container {@code ref} names; 409 if it runs and {@code force} is false; {@code anonymousVolumes}: rm -v. */
  public Uni<Void> remove(String ref, boolean force, boolean anonymousVolumes) {
    return Panache.<String>withTransaction(() -> service.require(ref)
            .flatMap(c -> containers.findForUpdate(c.id))
            .flatMap(c -> remover.remove(c, force, anonymousVolumes).replaceWith(c.id)))
        .invoke(notifier::changed)
        // Its addresses and host ports are free when `docker rm` returns, as with Docker (the
        // ContainerRemoved fact would free them too, a moment later).
        .call(id -> networking.release(id).onFailure().recoverWithNull())
        .replaceWithVoid();
  }
}
