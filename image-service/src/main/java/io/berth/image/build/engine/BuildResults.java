package io.berth.image.build.engine;

import io.berth.common.outbox.Outbox;
import io.berth.events.Envelope;
import io.berth.events.build.v1.BuildFinished;
import io.berth.events.image.v1.ImageBuilt;
import io.berth.events.image.v1.ImageTagged;
import io.berth.image.build.cache.BuildCacheRepository;
import io.berth.image.image.ImageRepository;
import io.berth.image.image.TagRepository;
import io.berth.oci.ImageReference;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * A successful build's end: its tags (moved if they existed, with the ImageTagged facts `docker
 * tag` would publish), then ImageBuilt and BuildFinished. Nothing is tagged before this, so a
 * failed build leaves no tag behind.
 */
@ApplicationScoped
public class BuildResults {
  private final TagRepository tags;
  private final ImageRepository images;
  private final Outbox outbox;
  private final BuildCacheRepository cache;

  public BuildResults(TagRepository tags, ImageRepository images, Outbox outbox, BuildCacheRepository cache) {
    this.cache = cache;
    this.tags = tags;
    this.images = images;
    this.outbox = outbox;
  }

  /**
   * The tags, in one transaction with their ImageTagged facts: done before the build's answer
   * ends, so the client can use them at once.
   */
  void tag(BuildRequest req, ImageState image) throws IOException {
    if (req.tags().isEmpty()) {
      return;
    }
    Instant now = Instant.now();
    io.berth.image.build.Await.await(() -> Panache.withTransaction(() -> {
      Uni<Void> chain = Uni.createFrom().voidItem();
      for (ImageReference ref : req.tags()) {
        String repoTag = ref.familiarName() + ":" + ref.tag();
        chain = chain.chain(() -> tags.findTag(ref.familiarName(), ref.tag()))
            .chain(previous -> tags.upsert(ref.familiarName(), ref.tag(), image.imageId())
                .chain(() -> outbox.add(Envelope.of(StepImages.SOURCE, new ImageTagged(image.imageId(), repoTag,
                    previous == null || previous.imageId.equals(image.imageId()) ? null : previous.imageId, now)))));
      }
      return chain;
    }));
  }

  /**
   * The rest of a successful build's record, in one transaction: what {@code journal} holds, then
   * ImageBuilt and BuildFinished. Facts only, no state a client waits for: written after the
   * build's answer (see {@link Builder}).
   */
  void finish(BuildRequest req, ImageState image, int steps, int cachedSteps, BuildJournal journal)
      throws IOException {
    Instant now = Instant.now();
    List<String> names = req.tagNames();
    io.berth.image.build.Await.await(() -> Panache.withTransaction(() -> journal.flush(outbox, cache)
        .chain(() -> images.findById(image.imageId()))
        .chain(entity -> outbox.add(Envelope.of(StepImages.SOURCE, new ImageBuilt(image.imageId(), names,
            entity.manifestDigest, entity.size, req.buildId(), now))))
        .chain(() -> outbox.add(Envelope.of(StepImages.SOURCE,
            new BuildFinished(req.buildId(), image.imageId(), names, steps, cachedSteps, now))))));
  }
}
