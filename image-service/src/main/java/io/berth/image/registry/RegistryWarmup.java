package io.berth.image.registry;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Runs the database steps of a push once at start-up, in the background, reading nothing that
 * exists: Hibernate Reactive builds its session and transaction machinery on first use, and the
 * first manifest PUT after start-up paid for that (~0.4 s measured here), the first upload's PUT
 * for its pool statement (~0.8 s, when it still went through a session).
 */
@ApplicationScoped
public class RegistryWarmup {
  private static final Logger LOG = Logger.getLogger(RegistryWarmup.class);
  private static final String NO_DIGEST = "sha256:" + "0".repeat(64);

  private final BlobLinkRepository links;
  private final ManifestRepository manifests;
  private final ManifestReads reads;

  public RegistryWarmup(BlobLinkRepository links, ManifestRepository manifests, ManifestReads reads) {
    this.links = links;
    this.manifests = manifests;
    this.reads = reads;
  }

  void warm(@Observes StartupEvent start) {
    Thread t = new Thread(() -> {
      try {
        Await.await(() -> links.linked("", NO_DIGEST));
        Await.await(() -> links.renew("", NO_DIGEST));
        Await.await(() -> reads.byTag("", ""));
        Await.await(() -> Panache.withTransaction(() -> manifests.tagged("", "")));
      } catch (RuntimeException e) {
        LOG.debugf(e, "registry warm-up did not finish (the first push warms up instead)");
      }
    }, "registry-warmup");
    t.setDaemon(true);
    t.start();
  }
}
