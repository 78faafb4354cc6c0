package io.berth.image.build.cache;

import io.berth.image.image.ImageRepository;
import io.berth.image.image.ImageService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * {@code docker builder prune}: forgets every cache entry, then removes the untagged images builds
 * left behind (step images, untagged results) that no container uses, leaves first; each removal
 * goes through {@link ImageService#delete}, so facts and blob clean-up are those of rmi. Space
 * reclaimed counts each removed image's own top layer (what it added to its parent).
 */
@ApplicationScoped
public class BuildCachePruner {
  private static final Logger LOG = Logger.getLogger(BuildCachePruner.class);
  private static final int MAX_ROUNDS = 1000;

  private final BuildCacheRepository cache;
  private final ImageRepository images;
  private final ImageService service;

  public BuildCachePruner(BuildCacheRepository cache, ImageRepository images, ImageService service) {
    this.cache = cache;
    this.images = images;
    this.service = service;
  }

  public Uni<BuildPruneResponse> prune() {
    List<String> keys = new ArrayList<>();
    long[] reclaimed = {0};
    Set<String> skipped = new HashSet<>();
    return Panache.withTransaction(cache::deleteAll).invoke(keys::addAll)
        .chain(() -> removeRound(skipped, reclaimed, 0))
        .map(v -> new BuildPruneResponse(keys, reclaimed[0]));
  }

  private Uni<Void> removeRound(Set<String> skipped, long[] reclaimed, int round) {
    if (round >= MAX_ROUNDS) {
      return Uni.createFrom().voidItem();
    }
    return Panache.withSession(cache::removableStepImages).chain(ids -> {
      List<String> todo = ids.stream().filter(id -> !skipped.contains(id)).toList();
      if (todo.isEmpty()) {
        return Uni.createFrom().voidItem();
      }
      Uni<Void> chain = Uni.createFrom().voidItem();
      for (String id : todo) {
        chain = chain.chain(() -> ownSize(id)).chain(own -> service.delete(id, false)
            .invoke(items -> reclaimed[0] += own)
            .onFailure().invoke(e -> {
              LOG.debugf(e, "builder prune kept %s", id);
              skipped.add(id);
            })
            .onFailure().recoverWithNull().replaceWithVoid());
      }
      return chain.chain(() -> removeRound(skipped, reclaimed, round + 1));
    });
  }

  /** What the image added to its parent: the difference of their layer totals. */
  private Uni<Long> ownSize(String id) {
    return Panache.withSession(() -> images.findById(id).chain(image -> image == null || image.parentId == null
        ? Uni.createFrom().item(0L)
        : images.findById(image.parentId).map(parent -> Math.max(0, image.size - (parent == null ? 0 : parent.size)))));
  }
}
