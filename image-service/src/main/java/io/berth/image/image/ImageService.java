package io.berth.image.image;

import io.berth.common.outbox.Outbox;
import io.berth.events.Envelope;
import io.berth.events.Sources;
import io.berth.events.image.v1.ImageDeleted;
import io.berth.events.image.v1.ImageUntagged;
import io.berth.image.blob.BlobStore;
import io.berth.image.use.ImageUseRepository;
import io.berth.oci.Digest;
import io.berth.oci.image.OciJson;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** Lists, inspects, resolves and deletes images (Docker's image management verbs). */
@ApplicationScoped
public class ImageService {
  private static final Logger LOG = Logger.getLogger(ImageService.class);

  private final ImageRepository images;
  private final TagRepository tags;
  private final ImageUseRepository uses;
  private final io.berth.image.use.ContainerServiceClient containerService;
  private final ImageLookup lookup;
  private final BlobStore blobs;
  private final Outbox outbox;
  private static final String SOURCE = Sources.service("image-service");

  public ImageService(ImageRepository images, TagRepository tags, ImageUseRepository uses, ImageLookup lookup,
      BlobStore blobs, Outbox outbox, io.berth.image.use.ContainerServiceClient containerService) {
    this.images = images;
    this.tags = tags;
    this.uses = uses;
    this.containerService = containerService;
    this.lookup = lookup;
    this.blobs = blobs;
    this.outbox = outbox;
  }

  /** {@code docker images}: newest first, filtered (see {@link ImageFilters}). */
  public Uni<List<ImageSummaryResponse>> list(String filtersJson) {
    return list(filtersJson, false);
  }

  /**
   * As above; without {@code all} (docker images -a), untagged images that are another image's
   * parent (a build's intermediate step images) are left out, as Docker does.
   */
  @WithSession
  public Uni<List<ImageSummaryResponse>> list(String filtersJson, boolean all) {
    ImageFilters filters = ImageFilters.parse(filtersJson);
    return createdOf(filters.images("before")).chain(before -> createdOf(filters.images("since")).chain(since ->
        images.listAll().chain(everything -> tags.listAll().map(allTags -> {
          Map<String, List<TagEntity>> byImage = allTags.stream().collect(Collectors.groupingBy(t -> t.imageId));
          java.util.Set<String> parents = parents(everything);
          return everything.stream()
              .filter(i -> all || byImage.containsKey(i.id) || !parents.contains(i.id))
              .sorted(Comparator.comparing((ImageEntity i) -> i.created).reversed())
              .filter(i -> filters.accepts(ImageViews.summary(i, byImage.getOrDefault(i.id, List.of())), i.created, before, since))
              .map(i -> filters.narrow(ImageViews.summary(i, byImage.getOrDefault(i.id, List.of()))))
              .toList();
        }))));
  }

  /** Ids of images some other image was built from. */
  static java.util.Set<String> parents(List<ImageEntity> images) {
    return images.stream().map(i -> i.parentId).filter(p -> p != null).collect(Collectors.toSet());
  }

  /** The creation time of the (first) named image, for before/since; 404 if it does not exist. */
  private Uni<java.time.Instant> createdOf(List<String> names) {
    return names.isEmpty() ? Uni.createFrom().nullItem() : lookup.get(names.get(0)).map(r -> r.image().created);
  }

  @WithSession
  public Uni<ImageInspectResponse> inspect(String name) {
    return lookup.get(name).chain(r -> tags.findByImage(r.image().id).map(t -> ImageViews.inspect(r.image(), t)));
  }

  /** {@code docker history}: newest step first. */
  @WithSession
  public Uni<List<HistoryItem>> history(String name) {
    return lookup.get(name).chain(r -> tags.findByImage(r.image().id)
        .map(t -> ImageHistory.of(r.image(), ImageViews.repoTags(t))));
  }

  /** What container-service needs at create time; {@link NoSuchImageException} if unknown. */
  @WithSession
  public Uni<ResolveResponse> resolve(String name) {
    return lookup.get(name).map(r -> new ResolveResponse(
        r.image().id, r.image().manifestDigest,
        r.tag() == null ? ResolveResponse.BY_DIGEST_REPOSITORY : r.tag().repository,
        r.tag() == null ? null : r.tag().tag,
        readTree(r.image().config)));
  }

  private static com.fasterxml.jackson.databind.JsonNode readTree(byte[] json) {
    try {
      return OciJson.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Untags and/or deletes, with Docker's conflict rules; then drops blobs no image needs. */
  public Uni<List<DeleteResponseItem>> delete(String name, boolean force) {
    List<String> freed = new ArrayList<>();
    return Panache.withTransaction(() -> deleteRows(name, force, freed))
        .call(() -> Uni.createFrom().item(() -> deleteBlobs(freed))
            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
  }

  private Uni<List<DeleteResponseItem>> deleteRows(String name, boolean force, List<String> freed) {
    return lookup.get(name).chain(r -> tags.findByImage(r.image().id).chain(all ->
        users(r.image()).chain(users -> decide(name, r, all, users, force, freed))));
  }

  /** Containers using the image: the facts seen, plus what container-service (the owner) says. */
  Uni<List<String>> users(ImageEntity image) {
    return uses.containersUsing(image.manifestDigest).chain(seen ->
        containerService.containersUsing(image.id).map(owned -> {
          List<String> users = new ArrayList<>(seen);
          owned.ifPresent(ids -> ids.stream().filter(id -> !users.contains(id)).forEach(users::add));
          return users;
        }));
  }

  private Uni<List<DeleteResponseItem>> decide(
      String name, ResolvedImage r, List<TagEntity> all, List<String> users, boolean force, List<String> freed) {
    ImageEntity image = r.image();
    String shortId = ImageLookup.shortId(image.id);
    if (r.tag() != null && all.size() > 1) {
      return untag(List.of(r.tag()));
    }
    if (!users.isEmpty() && !force) {
      String cid = users.get(0).substring(0, Math.min(12, users.get(0).length()));
      throw new ImageConflictException(r.tag() != null
          ? "conflict: unable to remove repository reference \"" + name + "\" (must force) - container "
              + cid + " is using its referenced image " + shortId
          : "conflict: unable to delete " + shortId + " (must be forced) - image is being used by container " + cid);
    }
    if (r.tag() == null && all.size() > 1 && !force) {
      throw new ImageConflictException("conflict: unable to delete " + shortId
          + " (must be forced) - image is referenced in multiple repositories");
    }
    if (!users.isEmpty()) {
      return untag(all); // forced: the tags go, the image stays for the containers that use it
    }
    return untag(all).chain(items -> removeImage(image, freed).map(deleted -> {
      List<DeleteResponseItem> out = new ArrayList<>(items);
      out.add(DeleteResponseItem.deleted(image.id));
      return out;
    }));
  }

  private Uni<List<DeleteResponseItem>> untag(List<TagEntity> toRemove) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (TagEntity t : toRemove) {
      chain = chain.chain(() -> tags.delete(t))
          .chain(() -> outbox.add(Envelope.of(SOURCE, new ImageUntagged(t.imageId, t.repoTag(), Instant.now()))));
    }
    return chain.map(v -> toRemove.stream().map(t -> DeleteResponseItem.untagged(t.repoTag())).toList());
  }

  private Uni<Boolean> removeImage(ImageEntity image, List<String> freed) {
    List<String> referenced = blobDigests(image);
    return images.delete(image).call(() -> images.flush())
        .call(() -> outbox.add(Envelope.of(SOURCE, new ImageDeleted(image.id, image.manifestDigest, Instant.now()))))
        .chain(() -> images.unreferenced(referenced))
        .map(unused -> freed.addAll(unused));
  }

  private static List<String> blobDigests(ImageEntity image) {
    var m = OciJson.read(image.manifest, io.berth.oci.image.ManifestJson.class);
    List<String> out = new ArrayList<>();
    out.add(image.manifestDigest);
    out.add(m.config().digest().toString());
    m.layers().forEach(l -> out.add(l.digest().toString()));
    return out;
  }

  private Void deleteBlobs(List<String> digests) {
    for (String d : digests) {
      try {
        blobs.delete(Digest.parse(d));
      } catch (IOException e) {
        LOG.warnf(e, "could not delete blob %s; it stays until the next clean-up", d);
      }
    }
    return null;
  }
}
