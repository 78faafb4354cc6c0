package io.berth.image.blob;

import io.berth.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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

  /**
   * Marks a stored blob as used now (garbage collection spares recently used blobs), before a
   * reference to it is recorded; empty when it is not stored (then it must be written again).
   */
  Optional<BlobInfo> touch(Digest digest) throws IOException;

  /** Every stored blob's digest (a snapshot; blobs may come and go meanwhile). */
  List<Digest> list() throws IOException;

  /**
   * Deletes the blob if it was last written or touched before {@code cutoff}, atomically with
   * respect to {@link #touch}, {@link #adopt} and writers' commits; its size if deleted, else -1.
   */
  long deleteIfUnusedSince(Digest digest, Instant cutoff) throws IOException;
}
