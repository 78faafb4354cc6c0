package io.berth.node.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Unpacked layers, one directory per diffID ({@code <root>/<hex>}), each unpacked once into a
 * temporary directory and renamed into place so a crash never leaves half a snapshot.
 */
public final class SnapshotStore {
  private static final Logger LOG = Logger.getLogger(SnapshotStore.class);
  private static final Pattern DIFF_ID = Pattern.compile("sha256:([0-9a-f]{64})");

  /** Supplies the layer blob (compressed or not) when it must be unpacked. */
  @FunctionalInterface
  public interface LayerSource {
    InputStream open() throws IOException;
  }

  private final Path root;
  private final Path tmp;
  private final LayerUnpacker unpacker;
  private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

  public SnapshotStore(Path root, LayerUnpacker unpacker) throws IOException {
    this.root = root;
    this.tmp = root.resolve(".tmp");
    this.unpacker = unpacker;
    Files.createDirectories(root);
    Trees.deleteRecursively(tmp); // leftovers of a crash mid-unpack
    Files.createDirectories(tmp);
  }

  /** The snapshot directory of a diffID, present or not. */
  public Path path(String diffId) {
    return root.resolve(hex(diffId));
  }

  public boolean exists(String diffId) {
    return Files.isDirectory(path(diffId));
  }

  /**
   * Returns the snapshot for {@code diffId}, unpacking the layer first if absent. The unpacked
   * content must hash to the diffID, otherwise nothing is kept.
   */
  public Path ensure(String diffId, LayerSource layer) throws IOException {
    Path target = path(diffId);
    synchronized (locks.computeIfAbsent(diffId, k -> new Object())) {
      if (Files.isDirectory(target)) {
        return target;
      }
      Path work = tmp.resolve(hex(diffId) + "-" + UUID.randomUUID());
      Files.createDirectory(work);
      try {
        LayerUnpacker.Unpacked result;
        try (InputStream in = layer.open()) {
          result = unpacker.unpack(in, work);
        }
        if (!result.diffId().equals(diffId)) {
          throw new IOException("layer content is " + result.diffId() + ", expected " + diffId);
        }
        Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
        LOG.debugf("unpacked %s (%d entries)", diffId, result.entries());
        return target;
      } catch (IOException | RuntimeException e) {
        Trees.deleteRecursively(work);
        throw e;
      }
    }
  }

  /** Removes a snapshot (callers make sure no container uses it). */
  public void remove(String diffId) throws IOException {
    synchronized (locks.computeIfAbsent(diffId, k -> new Object())) {
      Path target = path(diffId);
      if (!Files.exists(target)) {
        return;
      }
      Path doomed = tmp.resolve(hex(diffId) + "-rm-" + UUID.randomUUID());
      Files.move(target, doomed, StandardCopyOption.ATOMIC_MOVE);
      Trees.deleteRecursively(doomed);
    }
  }

  private static String hex(String diffId) {
    var m = DIFF_ID.matcher(diffId);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a sha256 diffID: " + diffId);
    }
    return m.group(1);
  }
}
