package io.berth.image.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Upload sessions on disk: ranges, verification, restart, expiry, isolation between repositories. */
class UploadStoreTest {
  private Path root;
  private FilesystemBlobStore blobs;
  private UploadStore uploads;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createTempDirectory("uploads");
    blobs = new FilesystemBlobStore(root);
    uploads = new UploadStore(root.resolve("uploads"), blobs, Duration.ofHours(1));
  }

  private static InputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void chunksAreCheckedAndTheResultVerified() throws IOException {
    String id = uploads.create("a/b");
    assertEquals(5, uploads.append("a/b", id, 0, bytes("hello")));
    UploadRangeException e = assertThrows(UploadRangeException.class, () -> uploads.append("a/b", id, 0, bytes("hello")));
    assertEquals(5, e.size());
    assertEquals(11, uploads.append("a/b", id, -1, bytes(" world")));
    Digest d = Digest.sha256("hello world".getBytes(StandardCharsets.UTF_8));
    assertEquals(new BlobInfo(d, 11), uploads.complete("a/b", id, d));
    try (InputStream in = blobs.open(d)) {
      assertArrayEquals("hello world".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
    }
    assertThrows(UploadUnknownException.class, () -> uploads.size("a/b", id));
  }

  @Test
  void mismatchPublishesNothingAndEndsTheSession() throws IOException {
    String id = uploads.create("a/b");
    uploads.append("a/b", id, -1, bytes("content"));
    Digest wrong = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));
    assertThrows(BlobDigestMismatchException.class, () -> uploads.complete("a/b", id, wrong));
    assertFalse(blobs.stat(wrong).isPresent());
    assertFalse(blobs.stat(Digest.sha256("content".getBytes(StandardCharsets.UTF_8))).isPresent());
    assertFalse(Files.exists(root.resolve("uploads").resolve(id)));
  }

  @Test
  void aRestartedServiceRehashesWhatWasReceived() throws IOException {
    String id = uploads.create("a/b");
    uploads.append("a/b", id, -1, bytes("first "));
    UploadStore restarted = new UploadStore(root.resolve("uploads"), blobs, Duration.ofHours(1));
    restarted.append("a/b", id, 6, bytes("second"));
    Digest d = Digest.sha256("first second".getBytes(StandardCharsets.UTF_8));
    assertEquals(d, restarted.complete("a/b", id, d).digest());
  }

  @Test
  void sessionsBelongToTheirRepositoryAndIdsAreChecked() throws IOException {
    String id = uploads.create("a/b");
    assertThrows(UploadUnknownException.class, () -> uploads.size("a/c", id));
    assertThrows(UploadUnknownException.class, () -> uploads.size("a/b", "../../blobs"));
    assertFalse(uploads.cancel("a/c", id));
    assertTrue(uploads.cancel("a/b", id));
    assertFalse(uploads.cancel("a/b", id));
  }

  @Test
  void abandonedSessionsExpire() throws IOException {
    String old = uploads.create("a/b");
    String fresh = uploads.create("a/b");
    Files.setLastModifiedTime(root.resolve("uploads").resolve(old), FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    assertEquals(1, uploads.expire());
    assertThrows(UploadUnknownException.class, () -> uploads.size("a/b", old));
    assertEquals(0, uploads.size("a/b", fresh));
    assertFalse(Files.exists(root.resolve("uploads").resolve(old + ".repo")));
  }
}
