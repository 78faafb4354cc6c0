package io.berth.image.archive;

import io.berth.common.outbox.Outbox;
import io.berth.events.Envelope;
import io.berth.events.Sources;
import io.berth.events.image.v1.ImageImported;
import io.berth.image.image.ImageEntity;
import io.berth.image.image.ImageRepository;
import io.berth.image.image.TagRepository;
import io.berth.oci.ImageReference;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Records a loaded image in one transaction: the image row (if new), its blob references, its
 * tags and the {@code ImageImported} fact (an image arrived in the store by {@code docker load}).
 */
@ApplicationScoped
public class LoadRecorder {
  private static final String SOURCE = Sources.service("image-service");

  private final ImageRepository images;
  private final TagRepository tags;
  private final Outbox outbox;

  public LoadRecorder(ImageRepository images, TagRepository tags, Outbox outbox) {
    this.images = images;
    this.tags = tags;
    this.outbox = outbox;
  }

  public Uni<Void> record(ImageEntity image, List<String> blobRefs, List<ImageReference> names) {
    List<String> repoTags = names.stream().map(n -> n.familiarName() + ":" + n.tag()).toList();
    return Panache.withTransaction(() -> {
      Uni<Void> chain = images.findById(image.id).chain(existing -> existing != null ? Uni.createFrom().voidItem()
          : images.persist(image).call(images::flush).replaceWithVoid())
          .call(() -> images.addBlobRefs(image.id, blobRefs));
      for (ImageReference n : names) {
        chain = chain.call(() -> tags.upsert(n.familiarName(), n.tag(), image.id));
      }
      return chain.call(() -> outbox.add(Envelope.of(SOURCE,
          new ImageImported(image.id, repoTags, image.manifestDigest, image.size, Instant.now()))));
    });
  }
}
