package io.berth.image.blob;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes the filesystem blob store under {@code ${berth.home}/images} the service's BlobStore. */
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
}
