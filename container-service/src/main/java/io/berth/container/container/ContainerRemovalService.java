package io.berth.container.container;

import io.berth.container.network.ContainerNetworking;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code DELETE /containers/{id}}. */
@ApplicationScoped
public class ContainerRemovalService {
  private final ContainerService service;
  private final ContainerRecords records;
  private final ContainerRemover remover;
  private final ContainerChangeNotifier notifier;
  private final ContainerNetworking networking;
  private final RecordTransactions transactions;

  public ContainerRemovalService(
      ContainerService service, ContainerRecords records, ContainerRemover remover,
      ContainerChangeNotifier notifier, ContainerNetworking networking, RecordTransactions transactions) {
    this.networking = networking;
    this.service = service;
    this.records = records;
    this.remover = remover;
    this.notifier = notifier;
    this.transactions = transactions;
  }

  /** Removes the container {@code ref} names; 409 if it runs and {@code force} is false; {@code anonymousVolumes}: rm -v. */
  public Uni<Void> remove(String ref, boolean force, boolean anonymousVolumes) {
    // The name is resolved first; the removal then locks the row and writes like the --rm path.
    return Panache.withSession(() -> service.require(ref).map(c -> c.id))
        .flatMap(id -> transactions.run(conn -> records.lock(conn, id).flatMap(c -> c == null
            ? Uni.createFrom().<String>failure(ContainerErrors.noSuchContainer(ref))
            : remover.remove(conn, ContainerChange.of(c), force, anonymousVolumes)
                .flatMap(change -> records.write(conn, change))
                .replaceWith(id))))
        .invoke(notifier::changed)
        // Its addresses and host ports are free when `docker rm` returns, as with Docker (the
        // ContainerRemoved fact would free them too, a moment later).
        .call(id -> networking.release(id).onFailure().recoverWithNull())
        .replaceWithVoid();
  }
}
