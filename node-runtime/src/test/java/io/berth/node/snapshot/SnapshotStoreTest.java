package io.berth.node.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.node.testing.BusyboxRootfs;
import io.berth.oci.layer.TestTars;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("privileged")
class SnapshotStoreTest {
  @TempDir Path tmp;

  @Test
  void unpacksOncePerDiffIdAndRemoves() throws Exception {
    byte[] tar = new TestTars().file("hello", "world").bytes();
    String diffId = BusyboxRootfs.diffId(tar);
    SnapshotStore store = new SnapshotStore(tmp, new LayerUnpacker());
    AtomicInteger opened = new AtomicInteger();
    SnapshotStore.LayerSource source =
        () -> {
          opened.incrementAndGet();
          return new ByteArrayInputStream(tar);
        };
    assertFalse(store.exists(diffId));
    Path dir = store.ensure(diffId, source);
    assertEquals(tmp.resolve(diffId.substring(7)), dir);
    assertEquals("world", Files.readString(dir.resolve("hello")));
    store.ensure(diffId, source);
    assertEquals(1, opened.get());
    assertTrue(store.exists(diffId));
    store.remove(diffId);
    assertFalse(store.exists(diffId));
  }

  @Test
  void contentNotMatchingTheDiffIdIsNotKept() throws Exception {
    byte[] tar = new TestTars().file("a", "1").bytes();
    String other = BusyboxRootfs.diffId(new TestTars().file("a", "2").bytes());
    SnapshotStore store = new SnapshotStore(tmp, new LayerUnpacker());
    IOException e =
        assertThrows(IOException.class, () -> store.ensure(other, () -> new ByteArrayInputStream(tar)));
    assertTrue(e.getMessage().contains("expected " + other), e.getMessage());
    assertFalse(store.exists(other));
  }

  @Test
  void gzipLayerIsKnownByItsUncompressedDigest() throws Exception {
    TestTars tars = new TestTars().file("z", "zip");
    byte[] gz = tars.gzipped();
    String diffId = BusyboxRootfs.diffId(new TestTars().file("z", "zip").bytes());
    SnapshotStore store = new SnapshotStore(tmp, new LayerUnpacker());
    assertEquals("zip", Files.readString(store.ensure(diffId, () -> new ByteArrayInputStream(gz)).resolve("z")));
  }
}
