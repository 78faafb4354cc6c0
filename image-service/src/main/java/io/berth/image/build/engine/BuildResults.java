package io.berth.image.build.engine;

import io.berth.common.outbox.Outbox;
import io.berth.events.Envelope;
import io.berth.events.build.v1.BuildFinished;
import io.berth.events.image.v1.ImageBuilt;
import io.berth.events.image.v1.ImageTagged;
import io.berth.image.build.cache.BuildCacheRepository;
import io.berth.image.build.cache.BuildCacheRepository.TagName;
import io.berth.image.image.ImageRepository;
import io.berth.image.image.TagRepository;
import io.berth.oci.ImageReference;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
   * ends, so the client can use them at once. A rebuild that made the image its tags already name
   * moves nothing: then only their time and facts remain, and they wait for {@link #finish}
   * (still before ImageBuilt) instead of delaying the answer.
   *
   * @param known the image ids the tags named when the build's cache entries were checked (a tag
   *     absent: none), or null to read them now
   * @return whether the tags were left for {@link #finish}
   */
  boolean tag(BuildRequest req, ImageState image, Map<TagName, String> known) throws IOException {
    if (req.tags().isEmpty()) {
      return false;
    }
    if (known != null ? tagNames(req).stream().allMatch(t -> image.imageId().equals(known.get(t)))
        : alreadyTagged(req, image)) {
      return true;
    }
    io.berth.image.build.Await.await(() -> Panache.withTransaction(() -> tagging(req, image, Instant.now())));
    return false;
  }

  /** Upserts the tags, each with its ImageTagged fact (in the caller's transaction). */
  private Uni<Void> tagging(BuildRequest req, ImageState image, Instant now) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (ImageReference ref : req.tags()) {
      String repoTag = ref.familiarName() + ":" + ref.tag();
      chain = chain.chain(() -> tags.findTag(ref.familiarName(), ref.tag()))
          .chain(previous -> tags.upsert(ref.familiarName(), ref.tag(), image.imageId())
              .chain(() -> outbox.add(Envelope.of(StepImages.SOURCE, new ImageTagged(image.imageId(), repoTag,
                  previous == null || previous.imageId.equals(image.imageId()) ? null : previous.imageId, now)))));
    }
    return chain;
  }

  /** The tags a build sets. */
  static List<TagName> tagNames(BuildRequest req) {
    return req.tags().stream().map(ref -> new TagName(ref.familiarName(), ref.tag())).toList();
  }

  /** Whether every tag of the build already names {@code image} (one read per tag, no transaction). */
  private boolean alreadyTagged(BuildRequest req, ImageState image) {
    for (ImageReference ref : req.tags()) {
      if (!image.imageId().equals(cache.taggedId(ref.familiarName(), ref.tag()).await().indefinitely())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The rest of a successful build's record, in one transaction: what {@code journal} holds, then
   * the tags {@link #tag} left (when {@code tagsLeft}), ImageBuilt and BuildFinished. No state a
   * client waits for: written after the build's answer (see {@link Builder}).
   */
  void finish(BuildRequest req, ImageState image, int steps, int cachedSteps, BuildJournal journal,
      boolean tagsLeft) throws IOException {
    Instant now = Instant.now();
    List<String> names = req.tagNames();
    io.berth.image.build.Await.await(() -> Panache.withTransaction(() -> journal.flush(outbox, cache)
        .chain(() -> tagsLeft ? tagging(req, image, now) : Uni.createFrom().voidItem())
        .chain(() -> images.findById(image.imageId()))
        .chain(entity -> outbox.add(Envelope.of(StepImages.SOURCE, new ImageBuilt(image.imageId(), names,
            entity.manifestDigest, entity.size, req.buildId(), now))))
        .chain(() -> outbox.add(Envelope.of(StepImages.SOURCE,
            new BuildFinished(req.buildId(), image.imageId(), names, steps, cachedSteps, now))))));
  }
}
