package io.berth.image.blob;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes the filesystem blob store and upload sessions under {@code ${berth.home}/images}. */
@ApplicationScoped
public class BlobStoreProducer {

  @Produces
  @ApplicationScoped
  BlobStore blobStore(@ConfigProperty(name = "berth.home") Path home) {
    try {
      return new FilesystemBlobStore(home.resolve("images"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the blob store under " + home, e);
    }
  }

  /** Upload sessions beside the blobs (same file system: completing one is a rename). */
  @Produces
  @ApplicationScoped
  UploadStore uploadStore(
      @ConfigProperty(name = "berth.home") Path home,
      @ConfigProperty(name = "berth.registry.upload-expiry", defaultValue = "PT1H") Duration expiry,
      BlobStore blobs) {
    try {
      UploadStore uploads = new UploadStore(home.resolve("images").resolve("uploads"), blobs, expiry);
      uploads.expire();
      return uploads;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the upload directory under " + home, e);
    }
  }
}
