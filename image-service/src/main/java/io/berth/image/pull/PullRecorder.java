package io.berth.image.pull;

import io.berth.common.outbox.Outbox;
import io.berth.events.Envelope;
import io.berth.events.Sources;
import io.berth.events.image.v1.ImagePulled;
import io.berth.image.image.ImageEntity;
import io.berth.image.image.ImageRepository;
import io.berth.image.image.TagRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Records a finished pull in one transaction: the image row (if new), its blob references, the tag
 * and the {@code ImagePulled} fact. Answers whether the tag already pointed at this image.
 */
@ApplicationScoped
public class PullRecorder {
  private static final String SOURCE = Sources.service("image-service");

  private final ImageRepository images;
  private final TagRepository tags;
  private final Outbox outbox;

  public PullRecorder(ImageRepository images, TagRepository tags, Outbox outbox) {
    this.images = images;
    this.tags = tags;
    this.outbox = outbox;
  }

  public Uni<Boolean> record(PullPlan plan, byte[] config, Instant created) {
    String id = plan.config().digest().toString();
    var ref = plan.reference();
    long layersSize = plan.layers().stream().mapToLong(l -> l.size()).sum();
    List<String> refs = new ArrayList<>(List.of(plan.manifestDigest(), id));
    plan.layers().forEach(l -> refs.add(l.digest().toString()));
    List<String> repoTags = ref.tag() == null ? List.of() : List.of(ref.familiarName() + ":" + ref.tag());
    return Panache.withTransaction(() -> (ref.tag() == null ? Uni.createFrom().<Boolean>item(false)
            : tags.findTag(ref.familiarName(), ref.tag()).map(t -> t != null && t.imageId.equals(id)))
        .call(() -> images.findById(id).chain(existing -> existing != null ? Uni.createFrom().voidItem()
            : images.persist(entity(plan, id, config, layersSize, created)).call(images::flush).replaceWithVoid()))
        .call(() -> images.addBlobRefs(id, refs))
        .call(() -> ref.tag() == null ? Uni.createFrom().voidItem() : tags.upsert(ref.familiarName(), ref.tag(), id))
        .call(() -> outbox.add(Envelope.of(SOURCE, new ImagePulled(
            id, ref.toString(), repoTags, plan.reportedDigest(), layersSize + plan.config().size(), Instant.now())))));
  }

  private static ImageEntity entity(PullPlan plan, String id, byte[] config, long size, Instant created) {
    ImageEntity e = new ImageEntity();
    e.id = id;
    e.manifestDigest = plan.manifestDigest();
    e.manifestMediaType = plan.manifestMediaType();
    e.manifest = plan.manifest();
    e.config = config;
    e.size = size;
    e.created = created;
    e.storedAt = Instant.now();
    return e;
  }
}
