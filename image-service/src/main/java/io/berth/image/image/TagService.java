package io.berth.image.image;

import io.berth.common.error.InvalidArgumentException;
import io.berth.common.outbox.Outbox;
import io.berth.events.Envelope;
import io.berth.events.Sources;
import io.berth.events.image.v1.ImageTagged;
import io.berth.oci.ImageReference;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** {@code docker tag}: points {@code repo:tag} at an image and records {@code ImageTagged}, in one transaction. */
@ApplicationScoped
public class TagService {
  private static final String SOURCE = Sources.service("image-service");

  private final ImageLookup lookup;
  private final TagRepository tags;
  private final Outbox outbox;

  public TagService(ImageLookup lookup, TagRepository tags, Outbox outbox) {
    this.lookup = lookup;
    this.tags = tags;
    this.outbox = outbox;
  }

  public Uni<Void> tag(String source, String repo, String tag) {
    ImageReference target = target(repo, tag);
    return Panache.withTransaction(() -> lookup.get(source).chain(r -> tags.findTag(target.familiarName(), target.tag())
        .chain(previous -> tags.upsert(target.familiarName(), target.tag(), r.image().id)
            .chain(() -> outbox.add(Envelope.of(SOURCE, new ImageTagged(r.image().id,
                target.familiarName() + ":" + target.tag(), previous == null ? null : previous.imageId, Instant.now())))))));
  }

  private static ImageReference target(String repo, String tag) {
    if (repo == null || repo.isEmpty()) {
      throw new InvalidArgumentException("repository name is required (repo)");
    }
    ImageReference ref;
    try {
      ref = ImageReference.parse(repo + (tag == null || tag.isEmpty() ? "" : ":" + tag));
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(e.getMessage());
    }
    if (ref.digest() != null) {
      throw new InvalidArgumentException("refusing to create a tag with a digest reference");
    }
    return ref;
  }
}
