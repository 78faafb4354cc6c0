package io.berth.image.push;

import io.berth.common.error.InvalidArgumentException;
import io.berth.common.error.NotFoundException;
import io.berth.image.blob.BlobStore;
import io.berth.image.image.ImageRepository;
import io.berth.image.image.TagEntity;
import io.berth.image.image.TagRepository;
import io.berth.image.pull.ProgressStream;
import io.berth.image.pull.RegistryCredentials;
import io.berth.image.pull.RegistryAddresses;
import io.berth.image.pull.RemoteRegistry;
import io.berth.oci.Descriptor;
import io.berth.oci.ImageReference;
import io.berth.oci.image.ManifestJson;
import io.berth.oci.image.OciJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code docker push}: finds the local tags first (none is a plain 404), then, streaming Docker's
 * progress, sends each image's missing blobs and its manifest (exact stored bytes, so the digest
 * is preserved) to the registry the name points at. Blocking.
 */
@ApplicationScoped
public class PushService {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
      .version(HttpClient.Version.HTTP_1_1).build();
  private final TagRepository tags;
  private final ImageRepository images;
  private final BlobStore blobs;
  private final PushRecorder recorder;
  private final RegistryAddresses addresses;

  public PushService(TagRepository tags, ImageRepository images, BlobStore blobs, PushRecorder recorder,
      RegistryAddresses addresses) {
    this.addresses = addresses;
    this.tags = tags;
    this.images = images;
    this.blobs = blobs;
    this.recorder = recorder;
  }

  /** The reference (no tag) and the local tags to push; {@code tag} empty means all of them. */
  public List<PushTarget> targets(ImageReference ref, String tag) {
    List<TagEntity> found = await(() -> Panache.withSession(() -> tag == null || tag.isEmpty()
        ? tags.list("repository = ?1 order by tag", ref.familiarName())
        : tags.findTag(ref.familiarName(), tag).map(t -> t == null ? List.<TagEntity>of() : List.of(t))));
    if (found.isEmpty()) {
      throw new NotFoundException("An image does not exist locally with the tag: " + ref.familiarName()
          + (tag == null || tag.isEmpty() ? "" : ":" + tag));
    }
    List<PushTarget> out = new ArrayList<>();
    for (TagEntity t : found) {
      out.add(new PushTarget(t.tag, await(() -> Panache.withSession(() -> images.findById(t.imageId)))));
    }
    return out;
  }

  public static ImageReference reference(String name) {
    try {
      ImageReference ref = ImageReference.parse(name);
      if (ref.digest() != null) {
        throw new InvalidArgumentException("cannot push a digest reference: " + name);
      }
      return ref;
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(e.getMessage());
    }
  }

  public void push(ImageReference ref, List<PushTarget> targets, RegistryCredentials credentials, ProgressStream progress)
      throws IOException {
    RemoteRegistry registry = new RemoteRegistry(http, addresses.base(ref.registry()), credentials);
    BlobUploader uploader = new BlobUploader(registry, ref.repository(), blobs);
    progress.status("The push refers to repository [" + ref.familiarName() + "]");
    for (PushTarget target : targets) {
      ManifestJson manifest = OciJson.read(target.image().manifest, ManifestJson.class);
      List<Descriptor> layers = manifest.layers();
      for (Descriptor l : layers) {
        progress.status(l.digest().hex().substring(0, 12), "Preparing");
      }
      for (Descriptor l : layers) {
        String id = l.digest().hex().substring(0, 12);
        if (uploader.exists(l)) {
          progress.status(id, "Layer already exists");
          continue;
        }
        String from = mountSource(ref, l);
        if (from != null && uploader.mountOrUpload(l, from)) {
          progress.status(id, "Mounted from " + from);
          continue;
        }
        if (from == null) {
          progress.progress(id, "Pushing", 0, l.size());
          uploader.upload(l);
        }
        progress.status(id, "Pushed");
      }
      if (!uploader.exists(manifest.config())) {
        uploader.upload(manifest.config());
      }
      putManifest(registry, ref, target);
      byte[] bytes = target.image().manifest;
      progress.status(target.tag() + ": digest: " + target.image().manifestDigest + " size: " + bytes.length);
      Map<String, Object> aux = new LinkedHashMap<>();
      aux.put("Tag", target.tag());
      aux.put("Digest", target.image().manifestDigest);
      aux.put("Size", bytes.length);
      progress.aux(aux);
      await(() -> recorder.record(ref.familiarName(), target.tag(), target.image().manifestDigest,
          target.image().manifestMediaType));
    }
  }

  /**
   * Another repository of the same registry that should hold the blob (a local tag there names an
   * image with it: pulled from or pushed to it), for a cross-repository mount; null if none.
   */
  private String mountSource(ImageReference target, Descriptor blob) {
    List<String> repositories = await(() -> Panache.withSession(() -> tags.repositoriesHolding(blob.digest().toString())));
    for (String familiar : repositories) {
      try {
        ImageReference r = ImageReference.parse(familiar);
        if (r.registry().equals(target.registry()) && !r.repository().equals(target.repository())) {
          return r.repository();
        }
      } catch (IllegalArgumentException e) {
        // not a name a registry could hold: no source
      }
    }
    return null;
  }

  private static void putManifest(RemoteRegistry registry, ImageReference ref, PushTarget target) throws IOException {
    HttpResponse<InputStream> r = registry.send("PUT", "/v2/" + ref.repository() + "/manifests/" + target.tag(),
        Map.of("Content-Type", target.image().manifestMediaType),
        HttpRequest.BodyPublishers.ofByteArray(target.image().manifest), ref.repository() + ":pull,push");
    String answer = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
    if (r.statusCode() != 201) {
      throw new IOException("the registry refused the manifest of " + ref.familiarName() + ":" + target.tag()
          + " (" + r.statusCode() + "): " + answer);
    }
  }

  private static <T> T await(Supplier<Uni<T>> step) {
    try {
      return VertxContextSupport.subscribeAndAwait(step);
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
