package io.berth.container.container;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Container records. */
@ApplicationScoped
public class ContainerRepository implements PanacheRepositoryBase<ContainerEntity, String> {

  /** The container {@code ref} designates (id, name or unique id prefix), see {@link ContainerResolver}. */
  public Uni<Optional<ContainerEntity>> resolve(String ref) {
    String name = ContainerNames.normalize(ref);
    Uni<List<ContainerEntity>> candidates =
        ContainerResolver.couldBeIdPrefix(ref)
            ? list("id = ?1 or name = ?2 or id like ?3", ref, name, ref + "%")
            : list("name = ?1", name);
    return candidates.map(list -> ContainerResolver.pick(ref, list));
  }

  /** Locks the row for the rest of the transaction, so facts and requests apply one at a time. */
  public Uni<ContainerEntity> findForUpdate(String id) {
    return getSession().flatMap(s -> {
      return findById(id).flatMap(c -> c == null
          ? Uni.createFrom().nullItem()
          // refresh: a row read earlier in this session may be stale by the time we hold the lock
          : s.refresh(c, LockModeType.PESSIMISTIC_WRITE).replaceWith(c));
    });
  }

  public Uni<ContainerEntity> findByName(String name) {
    return find("name", name).firstResult();
  }

  /** Every container, newest first. */
  public Uni<List<ContainerEntity>> listNewestFirst() {
    return listAll(Sort.descending("createdAt"));
  }

  /** Running containers per node id. */
  public Uni<Map<String, Long>> runningPerNode() {
    return getSession()
        .flatMap(s -> s.createQuery(
                "select c.nodeId, count(c) from ContainerEntity c where c.state = ?1 and c.nodeId is not null group by c.nodeId",
                Object[].class)
            .setParameter(1, ContainerState.RUNNING)
            .getResultList())
        .map(rows -> {
          Map<String, Long> out = new HashMap<>();
          rows.forEach(r -> out.put((String) r[0], (Long) r[1]));
          return out;
        });
  }
}
