package io.berth.image.blob;

import java.io.IOException;

/** A chunk did not start where the upload's content currently ends (out of order or repeated). */
public class UploadRangeException extends IOException {
  private final long size;

  public UploadRangeException(long expectedStart, long size) {
    super("chunk starts at " + expectedStart + " but the upload holds " + size + " bytes");
    this.size = size;
  }

  /** Bytes the upload holds, so the client can resume at that offset. */
  public long size() {
    return size;
  }
}
