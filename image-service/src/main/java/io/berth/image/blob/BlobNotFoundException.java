package io.berth.image.blob;

import io.berth.oci.Digest;
import java.io.FileNotFoundException;

/** The requested blob is not in the store. */
public class BlobNotFoundException extends FileNotFoundException {
  private final transient Digest digest;

  public BlobNotFoundException(Digest digest) {
    super("blob unknown: " + digest);
    this.digest = digest;
  }

  public Digest digest() {
    return digest;
  }
}
