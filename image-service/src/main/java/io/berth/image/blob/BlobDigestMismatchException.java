package io.berth.image.blob;

import java.io.IOException;

/** Written content did not match the digest or size the writer was told to expect. */
public class BlobDigestMismatchException extends IOException {
  public BlobDigestMismatchException(String message) {
    super(message);
  }
}
