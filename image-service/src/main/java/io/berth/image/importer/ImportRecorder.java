package io.berth.image.importer;

import io.berth.oci.Descriptor;
import io.berth.common.outbox.Outbox;
import io.berth.events.Envelope;
import io.berth.events.Sources;
import io.berth.events.image.v1.ImageImported;
import io.berth.image.image.ImageEntity;
import io.berth.image.image.ImageRepository;
import io.berth.image.image.TagRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Writes an import's metadata in one transaction: the image row, its blob references, the tag
 * (moved if it existed) and the {@code ImageImported} fact in the outbox.
 */
@ApplicationScoped
public class ImportRecorder {
  static final String SOURCE = Sources.service("image-service");

  private final ImageRepository images;
  private final TagRepository tags;
  private final Outbox outbox;

  public ImportRecorder(ImageRepository images, TagRepository tags, Outbox outbox) {
    this.images = images;
    this.tags = tags;
    this.outbox = outbox;
  }

  public Uni<Void> record(StagedImage s) {
    String id = s.config().digest().toString();
    var ref = s.request().reference();
    List<String> repoTags = ref == null ? List.of() : List.of(ref.familiarName() + ":" + ref.tag());
    long size = s.layers().stream().mapToLong(Descriptor::size).sum();
    long stored = size + s.config().size();
    return Panache.withTransaction(
        () ->
            images
                .findById(id)
                .chain(existing -> existing != null ? Uni.createFrom().voidItem() : images.persist(entity(s, id, size)).replaceWithVoid())
                .call(images::flush)
                .chain(() -> images.addBlobRefs(id, blobs(s, id)))
                .chain(() -> ref == null ? Uni.createFrom().voidItem() : tags.upsert(ref.familiarName(), ref.tag(), id))
                .chain(() -> outbox.add(Envelope.of(SOURCE,
                    new ImageImported(id, repoTags, s.manifest().digest().toString(), stored, s.created())))));
  }

  private static List<String> blobs(StagedImage s, String id) {
    List<String> digests = new java.util.ArrayList<>(List.of(s.manifest().digest().toString(), id));
    s.layers().forEach(l -> digests.add(l.digest().toString()));
    return digests;
  }

  private static ImageEntity entity(StagedImage s, String id, long size) {
    ImageEntity e = new ImageEntity();
    e.id = id;
    e.manifestDigest = s.manifest().digest().toString();
    e.manifestMediaType = s.manifest().mediaType();
    e.manifest = s.manifestBytes();
    e.config = s.configBytes();
    e.size = size;
    e.created = s.created();
    e.storedAt = s.created();
    return e;
  }
}
