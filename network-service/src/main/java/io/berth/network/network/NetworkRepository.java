package io.berth.network.network;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

/** Networks. */
@ApplicationScoped
public class NetworkRepository implements PanacheRepositoryBase<NetworkEntity, String> {

  /** The network {@code ref} names: exact id, exact name, then a unique id prefix (Docker's order). */
  public Uni<Optional<NetworkEntity>> resolve(String ref) {
    return list("id = ?1 or name = ?1 or id like ?2", ref, ref + "%").map(all -> {
      Optional<NetworkEntity> exact = all.stream().filter(n -> n.id.equals(ref)).findFirst()
          .or(() -> all.stream().filter(n -> n.name.equals(ref)).findFirst());
      if (exact.isPresent()) {
        return exact;
      }
      return all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
    });
  }

  public Uni<NetworkEntity> findDefault() {
    return find("isDefault", true).firstResult();
  }

  /** Locks the row for the rest of the transaction: allocations on one network go one at a time. */
  public Uni<NetworkEntity> lock(String id) {
    return findById(id, LockModeType.PESSIMISTIC_WRITE);
  }

  public Uni<List<NetworkEntity>> listByName() {
    return listAll(Sort.ascending("name"));
  }
}
