package io.berth.image.build.context;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The sha256 of every regular file an extraction wrote, computed while its bytes streamed in: a
 * COPY's cache checksum then needs no second read of the context's files. Only for a tree nobody
 * writes to after its extraction (the build context).
 */
public final class ContentDigests {
  /** Knows nothing: every digest is computed from the file. */
  public static final ContentDigests NONE = new ContentDigests(Map.of());

  private final Map<Path, byte[]> digests;

  private ContentDigests(Map<Path, byte[]> digests) {
    this.digests = digests;
  }

  static ContentDigests empty() {
    return new ContentDigests(new HashMap<>());
  }

  /** The digest of the regular file {@code file}, or null when unknown. */
  public byte[] get(Path file) {
    return digests.get(file);
  }

  void put(Path file, byte[] digest) {
    digests.put(file, digest);
  }

  void remove(Path file) {
    digests.remove(file);
  }
}
