package io.berth.image.blob;

import io.berth.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Content-addressed blob storage by role: look up, read, write, delete. Blobs are immutable and
 * stored once per digest; a writer only makes its bytes visible when they hash to the digest.
 */
public interface BlobStore {

  /** The blob's size if it is stored. */
  Optional<BlobInfo> stat(Digest digest) throws IOException;

  /** Reads a stored blob; {@link BlobNotFoundException} when absent. The caller closes it. */
  InputStream open(Digest digest) throws IOException;

  /** Starts writing a new blob; nothing is visible until {@link BlobWriter#commit}. */
  BlobWriter ingest() throws IOException;

  /**
   * Publishes {@code file}, whose content the caller has already verified hashes to {@code
   * digest}, by moving it into the store (the file must be on the store's file system).
   */
  BlobInfo adopt(Path file, Digest digest) throws IOException;

  /** The file holding {@code digest} (present or not), for serving it without copying. */
  Path pathOf(Digest digest);

  /** Deletes a blob; false when it was not there. */
  boolean delete(Digest digest) throws IOException;
}
