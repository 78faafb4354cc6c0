package io.berth.image.build.context;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * Detects a stream's compression by its magic bytes (gzip, bzip2, xz, zstd where available) and
 * decompresses it; anything else passes through, as Docker's DecompressStream does for build
 * contexts and ADD archives.
 */
public final class Decompression {
  private Decompression() {}

  public static InputStream open(InputStream raw) throws IOException {
    BufferedInputStream in = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw, 64 * 1024);
    String kind;
    try {
      kind = CompressorStreamFactory.detect(in);
    } catch (CompressorException notCompressed) {
      return in;
    }
    try {
      return new CompressorStreamFactory(true).createCompressorInputStream(kind, in);
    } catch (CompressorException | NoClassDefFoundError e) {
      throw new IOException("unsupported compression " + kind + ": " + e.getMessage(), e);
    }
  }
}
