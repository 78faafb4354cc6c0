package io.berth.image.blob;

import io.berth.oci.Digest;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An in-progress blob upload. Bytes are hashed as they are written; {@link #commit} checks them
 * and publishes the blob, {@link #close} without commit discards them.
 */
public interface BlobWriter extends Closeable {

  /** Where to write the content; hashed and counted on the way through. */
  OutputStream stream();

  /** Bytes written so far. */
  long size();

  /**
   * Verifies and publishes the content.
   *
   * @param expected the digest the content must have, or null to accept whatever was written
   * @param expectedSize the size the content must have, or -1 when unknown
   * @throws BlobDigestMismatchException when content and expectations differ (nothing is stored)
   */
  BlobInfo commit(Digest expected, long expectedSize) throws IOException;

  /** Discards the upload unless it was committed. */
  @Override
  void close() throws IOException;
}
