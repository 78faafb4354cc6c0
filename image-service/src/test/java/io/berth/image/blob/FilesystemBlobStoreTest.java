package io.berth.image.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.oci.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FilesystemBlobStoreTest extends BlobStoreConformanceTest {
  private Path root;

  @Override
  protected BlobStore newStore() throws IOException {
    root = Files.createTempDirectory("blobs");
    return new FilesystemBlobStore(root);
  }

  @Test
  void laysOutBlobsByDigestAndCleansIngest() throws IOException {
    Digest d;
    try (BlobWriter w = store.ingest()) {
      w.stream().write(new byte[] {1, 2, 3});
      d = w.commit(null, 3).digest();
    }
    Path expected = root.resolve("blobs/sha256").resolve(d.hex().substring(0, 2)).resolve(d.hex());
    assertTrue(Files.isRegularFile(expected));
    assertEquals(expected, ((FilesystemBlobStore) store).pathOf(d));
    try (Stream<Path> leftovers = Files.list(root.resolve("ingest"))) {
      assertEquals(0, leftovers.count(), "no temp files after commit");
    }
  }
}
