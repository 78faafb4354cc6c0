package io.berth.image.gc;

import io.berth.image.blob.BlobStore;
import io.berth.image.blob.UploadStore;
import io.berth.oci.Digest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.berth.image.registry.Await;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Mark and sweep of the blob store. Mark: expire abandoned upload sessions, drop stale links no
 * manifest needs, then collect every digest a link or a Docker image references. Sweep: delete
 * each stored blob outside that set whose file was not written or touched within the grace
 * period.
 *
 * <p>Why that is safe with uploads, mounts, manifest pushes and pulls in flight: every path that
 * is about to record a reference first publishes or touches the blob (upload completion, mount,
 * manifest PUT, a pull finding a layer present), and the store makes touch-or-publish atomic with
 * the sweep's check-and-delete. So a blob that gained a reference after the mark was touched after
 * the collection started, which is after the cutoff, and is spared; a blob the sweep took first
 * makes the touch fail, and the client uploads it again. Stale links are judged by their own age
 * the same way (a manifest PUT renews the links it relies on). One image-service instance owns the
 * store; the grace period must outlast the gap between a blob's arrival and its reference (a
 * whole pull, at worst).
 */
@ApplicationScoped
public class BlobCollector {
  private static final Logger LOG = Logger.getLogger(BlobCollector.class);

  private final BlobStore blobs;
  private final UploadStore uploads;
  private final GcRepository repository;
  private final Duration grace;

  public BlobCollector(BlobStore blobs, UploadStore uploads, GcRepository repository,
      @ConfigProperty(name = "berth.registry.gc-grace", defaultValue = "PT1H") Duration grace) {
    this.blobs = blobs;
    this.uploads = uploads;
    this.repository = repository;
    this.grace = grace;
  }

  /** One collection with the configured grace period (blocking). */
  public synchronized GcReport collect() throws IOException {
    return collect(() -> { });
  }

  /** One collection; {@code afterMark} runs between mark and sweep (tests race uploads there). */
  public synchronized GcReport collect(Runnable afterMark) throws IOException {
    Instant cutoff = Instant.now().minus(grace);
    int expired = uploads.expire();
    int pruned = Await.await(() -> Panache.withTransaction(() -> repository.pruneLinks(grace.toSeconds())));
    Set<String> marked = Await.await(() -> Panache.withSession(repository::referenced));
    afterMark.run();
    int deleted = 0;
    long freed = 0;
    for (Digest d : blobs.list()) {
      if (!marked.contains(d.toString())) {
        long size = blobs.deleteIfUnusedSince(d, cutoff);
        if (size >= 0) {
          deleted++;
          freed += size;
        }
      }
    }
    GcReport report = new GcReport(expired, pruned, deleted, freed);
    LOG.infof("garbage collection: %s", report);
    return report;
  }
}
