package io.berth.image.build.rootfs;

import io.berth.image.blob.BlobStore;
import io.berth.image.image.ImageEntity;
import io.berth.image.image.ImageRepository;
import io.berth.image.image.NoSuchImageException;
import io.berth.oci.Descriptor;
import io.berth.oci.image.ManifestJson;
import io.berth.oci.image.OciJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An image's merged filesystem read straight from its layer blobs in image-service's blob store
 * (plain or gzip tars). Blocking: call from a worker thread.
 */
@ApplicationScoped
public class LayeredImageRootfs implements ImageRootfs {
  private final BlobStore blobs;
  private final ImageRepository images;

  public LayeredImageRootfs(BlobStore blobs, ImageRepository images) {
    this.blobs = blobs;
    this.images = images;
  }

  @Override
  public void unpack(String imageId, Path emptyDir) throws IOException {
    MergedTreeWriter writer = new MergedTreeWriter(emptyDir);
    for (Descriptor layer : layers(imageId)) {
      try (var blob = blobs.open(layer.digest())) {
        writer.apply(blob);
      }
    }
    writer.finish();
  }

  @Override
  public Optional<byte[]> read(String imageId, String absolutePath) throws IOException {
    List<Descriptor> layers = layers(imageId);
    MergedIndex index = new MergedIndex();
    for (int i = 0; i < layers.size(); i++) {
      try (var blob = blobs.open(layers.get(i).digest())) {
        index.add(i, blob);
      }
    }
    Optional<MergedIndex.Source> file = index.file(absolutePath);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    Descriptor layer = layers.get(file.get().layer());
    return Optional.of(LayerFileReader.content(() -> blobs.open(layer.digest()), file.get()));
  }

  /** The image's layers, bottom first, from its stored manifest. */
  private List<Descriptor> layers(String imageId) throws IOException {
    ImageEntity image;
    try {
      // Hibernate Reactive needs a Vert.x context; this blocks the worker until the row is read.
      image = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> images.findById(imageId)));
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("reading image " + imageId + " failed", t);
    }
    if (image == null) {
      throw new NoSuchImageException(imageId);
    }
    return OciJson.read(image.manifest, ManifestJson.class).layers();
  }
}
