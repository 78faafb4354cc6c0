package io.berth.image.pull;

import io.berth.image.blob.BlobStore;
import io.berth.oci.Descriptor;
import io.berth.oci.image.ImageConfigJson;
import io.berth.oci.image.OciJson;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The streaming half of {@code docker pull}: fetches config and missing layers (a layer already in
 * the store is reported "Already exists" and not downloaded), records the image, and reports each
 * step in Docker's progress format. Blocking.
 */
@ApplicationScoped
public class PullDownloader {
  private static final long PROGRESS_EVERY = 512 * 1024;

  private final BlobStore blobs;
  private final PullRecorder recorder;

  public PullDownloader(BlobStore blobs, PullRecorder recorder) {
    this.blobs = blobs;
    this.recorder = recorder;
  }

  void run(PullPlan plan, ProgressStream progress) throws IOException {
    var ref = plan.reference();
    progress.status(ref.tag() != null ? ref.tag() : ref.digest().toString(), "Pulling from " + ref.repository());
    for (Descriptor layer : plan.layers()) {
      fetch(plan, layer, progress, true);
    }
    fetch(plan, plan.config(), progress, false);
    storeManifest(plan);
    byte[] config;
    try (InputStream in = blobs.open(plan.config().digest())) {
      config = in.readAllBytes();
    }
    boolean upToDate = await(plan, config, created(config));
    progress.status("Digest: " + plan.reportedDigest());
    progress.status((upToDate ? "Status: Image is up to date for " : "Status: Downloaded newer image for ") + ref);
  }

  private void fetch(PullPlan plan, Descriptor d, ProgressStream progress, boolean show) throws IOException {
    String id = d.digest().hex().substring(0, 12);
    // touch, not stat: a present blob is about to be referenced, so garbage collection must spare it
    if (blobs.touch(d.digest()).isPresent()) {
      if (show) {
        progress.status(id, "Already exists");
      }
      return;
    }
    if (show) {
      progress.status(id, "Pulling fs layer");
    }
    long[] last = {0};
    PullService.download(plan, d, blobs, done -> {
      if (show && done - last[0] >= PROGRESS_EVERY) {
        last[0] = done;
        progress.progress(id, "Downloading", done, d.size());
      }
    });
    if (show) {
      progress.status(id, "Verifying Checksum");
      progress.status(id, "Download complete");
      progress.status(id, "Pull complete");
    }
  }

  private void storeManifest(PullPlan plan) throws IOException {
    try (var w = blobs.ingest()) {
      w.stream().write(plan.manifest());
      w.commit(io.berth.oci.Digest.parse(plan.manifestDigest()), plan.manifest().length);
    }
  }

  private static Instant created(byte[] config) {
    try {
      String c = OciJson.read(config, ImageConfigJson.class).created();
      return c == null ? Instant.EPOCH : OffsetDateTime.parse(c).toInstant();
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }

  private boolean await(PullPlan plan, byte[] config, Instant created) {
    try {
      return VertxContextSupport.subscribeAndAwait(() -> recorder.record(plan, config, created));
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("recording the pull failed", t);
    }
  }
}
