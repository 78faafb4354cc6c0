package io.berth.image.blob;

import io.berth.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Resumable blob upload sessions as files: {@code <dir>/<uuid>} holds the bytes received so far,
 * {@code <dir>/<uuid>.repo} the repository it belongs to. Content is hashed as it arrives (the
 * hash state lives in memory; after a restart it is rebuilt from the file), verified on completion
 * and then moved into the blob store, so nothing unverified is ever visible. Sessions untouched for
 * longer than the expiry are deleted.
 */
public final class UploadStore {
  private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final Path dir;
  private final BlobStore blobs;
  private final Duration expiry;
  private final Map<String, Hashing> hashing = new ConcurrentHashMap<>();

  public UploadStore(Path dir, BlobStore blobs, Duration expiry) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.blobs = blobs;
    this.expiry = expiry;
  }

  /** Running hash of one session's bytes; also its lock. */
  private static final class Hashing {
    final MessageDigest sha = Digest.newSha256();
    long hashed;
    boolean appending;
  }

  /**
   * One chunk being appended to a session: the session stays locked against other chunks until
   * {@link #finish} or {@link #abort}. The caller writes the bytes to {@link #file} itself (from a
   * blocking stream or asynchronously) and passes each one through {@link #update} as it goes.
   */
  public final class Append {
    private final String id;
    private final Path file;
    private final long offset;
    private final Hashing h;
    private boolean ended;

    private Append(String id, Path file, long offset, Hashing h) {
      this.id = id;
      this.file = file;
      this.offset = offset;
      this.h = h;
    }

    /** The session's data file; the chunk goes at its end. */
    public Path file() {
      return file;
    }

    /** Bytes the session held before this chunk. */
    public long offset() {
      return offset;
    }

    /** Hashes the next bytes of the chunk, in order. */
    public void update(byte[] b, int off, int len) {
      h.sha.update(b, off, len);
      h.hashed += len;
    }

    /** Hashes the next bytes of the chunk, in order. */
    public void update(ByteBuffer b) {
      int n = b.remaining();
      h.sha.update(b);
      h.hashed += n;
    }

    /** The chunk is on disk: unlocks the session and returns its new size. */
    public long finish() throws IOException {
      long size = Files.size(file);
      release();
      return size;
    }

    /** The chunk failed: unlocks the session (what did arrive stays, as a client may resume). */
    public void abort() {
      release();
    }

    private void release() {
      synchronized (h) {
        if (!ended) {
          ended = true;
          h.appending = false;
          touch(id);
        }
      }
    }
  }

  /** Opens a new empty session for {@code repository}; sweeps expired ones on the way. */
  public String create(String repository) throws IOException {
    expire();
    String id = UUID.randomUUID().toString();
    Files.writeString(dir.resolve(id + ".repo"), repository, StandardCharsets.UTF_8);
    Files.createFile(dir.resolve(id));
    return id;
  }

  /** Bytes received so far by the session. */
  public long size(String repository, String id) throws IOException {
    return Files.size(data(repository, id));
  }

  /**
   * Locks the session for one chunk and checks where it starts.
   *
   * @param start where the chunk claims to start (Content-Range), or -1 for a streamed chunk
   * @throws UploadRangeException when the chunk does not start at the session's end, or another
   *     chunk is still arriving
   */
  public Append begin(String repository, String id, long start) throws IOException {
    Path data = data(repository, id);
    Hashing h = hashing.computeIfAbsent(id, k -> new Hashing());
    synchronized (h) {
      long size = Files.size(data);
      if (h.appending || (start >= 0 && start != size)) {
        throw new UploadRangeException(start, size);
      }
      catchUp(h, data, size);
      h.appending = true;
      return new Append(id, data, size, h);
    }
  }

  /**
   * Appends {@code in} to the session (blocking).
   *
   * @param start where the chunk claims to start (Content-Range), or -1 for a streamed chunk
   * @return the session's new size
   */
  public long append(String repository, String id, long start, InputStream in) throws IOException {
    Append a = begin(repository, id, start);
    try (FileChannel ch = FileChannel.open(a.file(), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      byte[] buf = new byte[128 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
        while (bb.hasRemaining()) {
          ch.write(bb);
        }
        a.update(buf, 0, n);
      }
    } catch (IOException | RuntimeException e) {
      a.abort();
      throw e;
    }
    return a.finish();
  }

  /**
   * Verifies the session's content against {@code expected} and publishes it as a blob. The
   * session ends either way: a mismatch leaves nothing behind.
   */
  public BlobInfo complete(String repository, String id, Digest expected) throws IOException {
    Path data = data(repository, id);
    Hashing h = hashing.computeIfAbsent(id, k -> new Hashing());
    synchronized (h) {
      if (h.appending) {
        throw new UploadRangeException(-1, Files.size(data));
      }
      try {
        catchUp(h, data, Files.size(data));
        Digest actual = Digest.fromSha256(h.sha.digest());
        if (!actual.equals(expected)) {
          throw new BlobDigestMismatchException("digest mismatch: expected " + expected + ", got " + actual);
        }
        return blobs.adopt(data, actual);
      } finally {
        end(id);
      }
    }
  }

  /** Ends a session without publishing anything; false if it did not exist. */
  public boolean cancel(String repository, String id) throws IOException {
    try {
      data(repository, id);
    } catch (UploadUnknownException e) {
      return false;
    }
    end(id);
    return true;
  }

  /** Deletes sessions nobody touched within the expiry; returns how many. */
  public int expire() throws IOException {
    Instant cutoff = Instant.now().minus(expiry);
    int n = 0;
    try (DirectoryStream<Path> all = Files.newDirectoryStream(dir)) {
      for (Path p : all) {
        String name = p.getFileName().toString();
        Hashing h = hashing.get(name);
        if (ID.matcher(name).matches() && modified(p).isBefore(cutoff) && (h == null || !h.appending)) {
          end(name);
          n++;
        }
      }
    }
    return n;
  }

  /** Marks the session as used now, so a slow but live upload does not expire. */
  private void touch(String id) {
    try {
      Files.setLastModifiedTime(dir.resolve(id), java.nio.file.attribute.FileTime.from(Instant.now()));
    } catch (IOException e) {
      // gone already (cancelled or expired meanwhile): nothing to keep alive
    }
  }

  private static Instant modified(Path p) throws IOException {
    try {
      return Files.getLastModifiedTime(p).toInstant();
    } catch (NoSuchFileException e) {
      return Instant.MAX;
    }
  }

  /** The session's data file, checked to exist and to belong to {@code repository}. */
  private Path data(String repository, String id) throws IOException {
    if (id == null || !ID.matcher(id).matches()) {
      throw new UploadUnknownException(String.valueOf(id));
    }
    try {
      String owner = Files.readString(dir.resolve(id + ".repo"), StandardCharsets.UTF_8);
      Path data = dir.resolve(id);
      if (!owner.equals(repository) || !Files.exists(data)) {
        throw new UploadUnknownException(id);
      }
      return data;
    } catch (NoSuchFileException e) {
      throw new UploadUnknownException(id);
    }
  }

  /** Hashes bytes the in-memory state has not seen (after a restart, or a failed write). */
  private static void catchUp(Hashing h, Path data, long size) throws IOException {
    if (h.hashed > size) {
      h.sha.reset();
      h.hashed = 0;
    }
    if (h.hashed == size) {
      return;
    }
    try (InputStream in = Files.newInputStream(data)) {
      in.skipNBytes(h.hashed);
      byte[] buf = new byte[128 * 1024];
      for (int n; h.hashed < size && (n = in.read(buf, 0, (int) Math.min(buf.length, size - h.hashed))) > 0; ) {
        h.sha.update(buf, 0, n);
        h.hashed += n;
      }
    }
  }

  private void end(String id) throws IOException {
    hashing.remove(id);
    Files.deleteIfExists(dir.resolve(id));
    Files.deleteIfExists(dir.resolve(id + ".repo"));
  }
}
