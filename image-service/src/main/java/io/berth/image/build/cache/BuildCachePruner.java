package io.berth.image.build.cache;

import io.berth.image.image.ImageRepository;
import io.berth.image.image.ImageService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import static io.berth.image.build.Await.await;

import java.io.IOException;
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

  /** Blocking: call from a worker thread (each database step runs in its own Vert.x context). */
  public BuildPruneResponse prune() throws IOException {
    List<String> keys = await(() -> Panache.withTransaction(cache::deleteAll));
    long reclaimed = 0;
    Set<String> skipped = new HashSet<>();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      List<String> todo = await(() -> Panache.withSession(cache::removableStepImages)).stream()
          .filter(id -> !skipped.contains(id)).toList();
      if (todo.isEmpty()) {
        break;
      }
      for (String id : todo) {
        long own = await(() -> ownSize(id));
        try {
          await(() -> service.delete(id, false));
          reclaimed += own;
        } catch (RuntimeException e) {
          LOG.debugf(e, "builder prune kept %s", id);
          skipped.add(id);
        }
      }
    }
    return new BuildPruneResponse(keys, reclaimed);
  }

  /** What the image added to its parent: the difference of their layer totals. */
  private Uni<Long> ownSize(String id) {
    return Panache.withSession(() -> images.findById(id).chain(image -> image == null || image.parentId == null
        ? Uni.createFrom().item(0L)
        : images.findById(image.parentId).map(parent -> Math.max(0, image.size - (parent == null ? 0 : parent.size)))));
  }
}
