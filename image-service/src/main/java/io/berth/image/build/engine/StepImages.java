package io.berth.image.build.engine;

import static io.berth.image.build.Await.await;

import io.berth.common.outbox.Outbox;
import io.berth.events.Envelope;
import io.berth.events.EventData;
import io.berth.events.Sources;
import io.berth.image.blob.BlobStore;
import io.berth.image.blob.BlobWriter;
import io.berth.image.build.cache.BuildCacheRepository;
import io.berth.image.build.cache.BuildCacheRepository.TagName;
import io.berth.image.image.ImageEntity;
import io.berth.image.image.ImageRepository;
import io.berth.oci.Descriptor;
import io.berth.oci.Digest;
import io.berth.oci.MediaTypes;
import io.berth.oci.image.ImageConfigJson;
import io.berth.oci.image.ManifestJson;
import io.berth.oci.image.OciJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The image each build step yields: config and manifest blobs, then in one transaction the image
 * row (untagged, its parent recorded), its blob references, the cache entry and the step's fact.
 * Blocking: call from a worker thread.
 */
@ApplicationScoped
public class StepImages {
  static final String SOURCE = Sources.service("image-service");

  private final BlobStore blobs;
  private final ImageRepository images;
  private final BuildCacheRepository cache;
  private final Outbox outbox;
  private final RememberedSteps remembered = new RememberedSteps(1024);
  /** The images tags named when this service last read them ("repository:tag" → image): FROM's guesses. */
  private final RememberedSteps rememberedTags = new RememberedSteps(256);

  public StepImages(BlobStore blobs, ImageRepository images, BuildCacheRepository cache, Outbox outbox) {
    this.blobs = blobs;
    this.images = images;
    this.cache = cache;
    this.outbox = outbox;
  }

  /** The stored image {@code imageId}, or null. */
  public ImageState load(String imageId) throws IOException {
    ImageEntity e = await(() -> Panache.withSession(() -> images.findById(imageId)));
    return e == null ? null : state(e);
  }

  static ImageState state(ImageEntity e) {
    ImageConfigJson config = OciJson.read(e.config, ImageConfigJson.class);
    ManifestJson manifest = OciJson.read(e.manifest, ManifestJson.class);
    return new ImageState(e.id, config, manifest.layers());
  }

  /** The image the cache holds for {@code key}, or null (one read; see {@link BuildCacheRepository#lookup}). */
  public ImageState cached(String key) {
    ImageState hit = state(cache.lookup(key).await().indefinitely());
    if (hit != null) {
      remembered.put(key, hit);
    }
    return hit;
  }

  /** The image this service last saw cached for {@code key}, or null: a guess, see {@link #check}. */
  ImageState remembered(String key) {
    return remembered.get(key);
  }

  /** What a speculative build's one read found: whether its guesses hold, and the tags it asked about. */
  record Check(boolean holds, Map<TagName, String> tagged) {}

  /**
   * Whether the build cache still maps every key of {@code guesses} to its image and every tag of
   * {@code tagGuesses} still names its image, read at once with the ids {@code wanted} tags name
   * (one read). The guesses that no longer hold are forgotten.
   */
  Check check(Map<String, String> guesses, Map<TagName, String> tagGuesses, Collection<TagName> wanted) {
    Set<TagName> tags = new LinkedHashSet<>(tagGuesses.keySet());
    tags.addAll(wanted);
    BuildCacheRepository.Current now = cache.current(List.copyOf(guesses.keySet()), tags).await().indefinitely();
    List<String> stale = guesses.entrySet().stream().filter(g -> !g.getValue().equals(now.cached().get(g.getKey())))
        .map(Map.Entry::getKey).toList();
    remembered.forget(stale);
    List<TagName> moved = tagGuesses.entrySet().stream()
        .filter(g -> !g.getValue().equals(now.tagged().get(g.getKey()))).map(Map.Entry::getKey).toList();
    rememberedTags.forget(moved.stream().map(StepImages::tagKey).toList());
    return new Check(stale.isEmpty() && moved.isEmpty(), now.tagged());
  }

  /** The image tagged {@code repository:tag}, or null (one read, no ORM session); remembered for {@link #rememberedTag}. */
  ImageState tagged(String repository, String tag) {
    ImageState hit = state(cache.tagged(repository, tag).await().indefinitely());
    if (hit != null) {
      rememberedTags.put(tagKey(new TagName(repository, tag)), hit);
    }
    return hit;
  }

  /** The image this service last saw tagged {@code name}, or null: a guess, see {@link #check}. */
  ImageState rememberedTag(TagName name) {
    return rememberedTags.get(tagKey(name));
  }

  private static String tagKey(TagName name) {
    return name.repository() + ":" + name.tag();
  }

  private static ImageState state(BuildCacheRepository.Hit hit) {
    if (hit == null) {
      return null;
    }
    ImageConfigJson config = OciJson.read(hit.config(), ImageConfigJson.class);
    ManifestJson manifest = OciJson.read(hit.manifest(), ManifestJson.class);
    return new ImageState(hit.imageId(), config, manifest.layers());
  }

  /**
   * Records the image made from {@code parent} by one step.
   *
   * @param layer the step's layer (already in the store), or null for a metadata step
   * @param cacheKey the step's cache key, or null to cache nothing
   * @param fact published with it (the step's BuildStepCompleted), after what the journal holds
   */
  ImageState commit(ImageState parent, ImageConfigJson.Config runConfig, String author, Descriptor layer,
      String createdBy, String cacheKey, BuildJournal journal, java.util.function.Function<String, EventData> fact)
      throws IOException {
    Instant now = Instant.now();
    ImageConfigJson pc = parent.config();
    List<Digest> diffIds = new ArrayList<>(pc.rootfs() == null ? List.of() : pc.rootfs().diffIds());
    List<Descriptor> layers = new ArrayList<>(parent.layers());
    if (layer != null) {
      diffIds.add(layer.digest());
      layers.add(layer);
    }
    List<ImageConfigJson.History> history = new ArrayList<>(pc.history() == null ? List.of() : pc.history());
    history.add(new ImageConfigJson.History(now.toString(), createdBy, null, null, layer == null ? Boolean.TRUE : null));
    ImageConfigJson config = new ImageConfigJson(now.toString(), author != null ? author : pc.author(),
        pc.architecture(), pc.os(), runConfig, ImageConfigJson.RootFs.layers(diffIds), history);
    byte[] configBytes = OciJson.write(config);
    Descriptor configDesc = store(MediaTypes.OCI_CONFIG, configBytes);
    byte[] manifestBytes = OciJson.write(ManifestJson.oci(configDesc, layers));
    Descriptor manifestDesc = store(MediaTypes.OCI_MANIFEST, manifestBytes);
    String id = configDesc.digest().toString();
    ImageEntity e = new ImageEntity();
    e.id = id;
    e.manifestDigest = manifestDesc.digest().toString();
    e.manifestMediaType = manifestDesc.mediaType();
    e.manifest = manifestBytes;
    e.config = configBytes;
    e.size = layers.stream().mapToLong(Descriptor::size).sum();
    e.created = now;
    e.storedAt = now;
    e.parentId = parent.imageId();
    List<String> refs = new ArrayList<>(List.of(e.manifestDigest, id));
    layers.forEach(l -> refs.add(l.digest().toString()));
    await(() -> Panache.withTransaction(() -> images.findById(id)
        .chain(existing -> existing != null ? Uni.createFrom().voidItem() : images.persist(e).replaceWithVoid())
        .call(images::flush)
        .chain(() -> images.addBlobRefs(id, refs))
        .chain(() -> cacheKey == null
            ? Uni.createFrom().voidItem()
            : cache.put(cacheKey, parent.imageId() == null ? "scratch" : parent.imageId(), createdBy, id))
        .chain(() -> journal.flush(outbox, cache))
        .chain(() -> outbox.add(Envelope.of(SOURCE, fact.apply(id))))));
    ImageState made = new ImageState(id, config, layers);
    if (cacheKey != null) {
      remembered.put(cacheKey, made);
    }
    return made;
  }

  /** Writes what the journal holds now (before a step that may run for long, so its facts are not late). */
  void flush(BuildJournal journal) throws IOException {
    if (!journal.isEmpty()) {
      await(() -> Panache.withTransaction(() -> journal.flush(outbox, cache)));
    }
  }

  /** Publishes a fact (a build's failure) after what the journal holds. */
  void publish(BuildJournal journal, EventData fact) throws IOException {
    await(() -> Panache.withTransaction(() -> journal.flush(outbox, cache)
        .chain(() -> outbox.add(Envelope.of(SOURCE, fact)))));
  }

  private Descriptor store(String mediaType, byte[] bytes) throws IOException {
    Digest digest = Digest.sha256(bytes);
    try (BlobWriter writer = blobs.ingest()) {
      writer.stream().write(bytes);
      writer.commit(digest, bytes.length);
    }
    return new Descriptor(mediaType, digest, bytes.length);
  }
}
