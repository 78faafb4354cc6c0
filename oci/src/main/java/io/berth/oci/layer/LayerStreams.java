package io.berth.oci.layer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Opens a layer blob as an uncompressed tar stream, detecting gzip by its magic bytes. */
public final class LayerStreams {
  private LayerStreams() {}

  /** Returns a tar stream over {@code in}; gzip is detected, anything else is read as plain tar. */
  public static InputStream uncompressed(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(buffered, 64 * 1024), 64 * 1024);
    }
    if (b0 == 0x28 && b1 == 0xb5) {
      throw new IOException("zstd-compressed layers are not supported yet");
    }
    return buffered;
  }
}
