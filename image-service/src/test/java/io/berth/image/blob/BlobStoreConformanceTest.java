package io.berth.image.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every BlobStore driver must show; each driver's test extends this class. */
abstract class BlobStoreConformanceTest {
  private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);
  private static final Digest HELLO_DIGEST =
      Digest.parse("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");

  protected BlobStore store;

  /** A fresh, empty store. */
  protected abstract BlobStore newStore() throws IOException;

  @BeforeEach
  void setUp() throws IOException {
    store = newStore();
  }

  private BlobInfo put(byte[] content, Digest expected, long size) throws IOException {
    try (BlobWriter w = store.ingest()) {
      w.stream().write(content);
      return w.commit(expected, size);
    }
  }

  @Test
  void commitsHashesAndReadsBack() throws IOException {
    BlobInfo info = put(HELLO, null, -1);
    assertEquals(HELLO_DIGEST, info.digest());
    assertEquals(5, info.size());
    assertEquals(5, store.stat(HELLO_DIGEST).orElseThrow().size());
    try (InputStream in = store.open(HELLO_DIGEST)) {
      assertArrayEquals(HELLO, in.readAllBytes());
    }
  }

  @Test
  void verifiesExpectedDigestAndSize() throws IOException {
    assertEquals(HELLO_DIGEST, put(HELLO, HELLO_DIGEST, 5).digest());
    Digest other = Digest.sha256(new byte[] {1});
    assertThrows(BlobDigestMismatchException.class, () -> put("x".getBytes(), other, -1));
    assertTrue(store.stat(Digest.sha256("x".getBytes())).isEmpty(), "a mismatch stores nothing");
    assertThrows(BlobDigestMismatchException.class, () -> put("y".getBytes(), null, 2));
    assertTrue(store.stat(Digest.sha256("y".getBytes())).isEmpty());
  }

  @Test
  void abandonedWriterLeavesNothing() throws IOException {
    try (BlobWriter w = store.ingest()) {
      w.stream().write(HELLO);
    }
    assertTrue(store.stat(HELLO_DIGEST).isEmpty());
  }

  @Test
  void storesOncePerDigest() throws IOException {
    put(HELLO, null, -1);
    assertEquals(HELLO_DIGEST, put(HELLO, HELLO_DIGEST, -1).digest());
    assertTrue(store.delete(HELLO_DIGEST));
    assertFalse(store.delete(HELLO_DIGEST));
    assertTrue(store.stat(HELLO_DIGEST).isEmpty());
  }

  @Test
  void unknownBlob() {
    Digest absent = Digest.sha256(new byte[] {42});
    assertThrows(BlobNotFoundException.class, () -> store.open(absent));
  }

  @Test
  void streamsLargeContentInPieces() throws IOException {
    byte[] chunk = new byte[100_000];
    new Random(7).nextBytes(chunk);
    var hasher = Digest.newSha256();
    BlobInfo info;
    try (BlobWriter w = store.ingest()) {
      for (int i = 0; i < 30; i++) {
        w.stream().write(chunk, 0, chunk.length);
        hasher.update(chunk);
      }
      assertEquals(3_000_000, w.size());
      info = w.commit(null, 3_000_000);
    }
    assertEquals(Digest.fromSha256(hasher.digest()), info.digest());
    assertEquals(3_000_000, store.stat(info.digest()).orElseThrow().size());
  }
}
