package io.berth.image.build.cache;

import io.berth.oci.Digest;
import java.nio.charset.StandardCharsets;

/**
 * A build cache key: a step is the same step when its parent image, its canonical instruction
 * (Docker's created_by, which for RUN includes the build args it sees) and, for COPY/ADD, the
 * checksum of its sources are the same.
 */
public final class CacheKey {
  private CacheKey() {}

  public static String of(String parentId, String createdBy, String sourcesChecksum) {
    String text = parentId + "\n" + createdBy + "\n" + (sourcesChecksum == null ? "" : sourcesChecksum);
    return Digest.sha256(text.getBytes(StandardCharsets.UTF_8)).hex();
  }
}
