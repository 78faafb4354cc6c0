package io.berth.image.build;

import io.berth.image.blob.BlobStore;
import io.berth.image.build.context.ContextExtractor;
import io.berth.image.build.rootfs.ImageRootfs;
import io.berth.image.image.ImageEntity;
import io.berth.image.image.ImageRepository;
import io.berth.oci.Descriptor;
import io.berth.oci.image.ManifestJson;
import io.berth.oci.image.OciJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Unit-test stand-in: unpacks an image's layers in order (no whiteouts in test images). */
@Alternative
@Priority(1)
@ApplicationScoped
public class FakeImageRootfs implements ImageRootfs {
  private final ImageRepository images;
  private final BlobStore blobs;

  public FakeImageRootfs(ImageRepository images, BlobStore blobs) {
    this.images = images;
    this.blobs = blobs;
  }

  @Override
  public void unpack(String imageId, Path emptyDir) throws IOException {
    ImageEntity image;
    try {
      image = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> images.findById(imageId)));
    } catch (Throwable t) {
      throw new IOException(t);
    }
    for (Descriptor layer : OciJson.read(image.manifest, ManifestJson.class).layers()) {
      Path tmp = Files.createTempDirectory("fake-rootfs");
      try (InputStream in = blobs.open(layer.digest())) {
        ContextExtractor.extract(in, tmp);
      }
      try (var walk = Files.walk(tmp)) {
        for (Path p : walk.sorted().toList()) {
          Path target = emptyDir.resolve(tmp.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(target);
          } else {
            Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
  }

  @Override
  public Optional<byte[]> read(String imageId, String absolutePath) throws IOException {
    Path dir = Files.createTempDirectory("fake-read");
    unpack(imageId, dir);
    Path f = dir.resolve(absolutePath.substring(1));
    return Files.isRegularFile(f) ? Optional.of(Files.readAllBytes(f)) : Optional.empty();
  }
}
