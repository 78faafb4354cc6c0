package io.berth.image.blob;

import io.berth.oci.Digest;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.UUID;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Blobs as files: {@code <root>/blobs/sha256/<first two hex>/<hex>}, uploads in {@code
 * <root>/ingest/} on the same file system so the final rename is atomic.
 *
 * @see <a href="https://github.com/distribution/distribution">distribution's path layout</a>
 */
public final class FilesystemBlobStore implements BlobStore {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  private final Path blobs;
  private final Path ingest;
  /**
   * Publishing or touching a blob (shared) against garbage collection's check-and-delete
   * (exclusive): a blob touched or re-published while the collector decides is never lost.
   */
  private final ReadWriteLock gcLock = new ReentrantReadWriteLock();

  public FilesystemBlobStore(Path root) throws IOException {
    this.blobs = Files.createDirectories(root.resolve("blobs"));
    this.ingest = Files.createDirectories(root.resolve("ingest"));
  }

  /** The file that holds {@code digest}; only digests that parsed can reach here, so no escape. */
  @Override
  public Path pathOf(Digest digest) {
    return blobs.resolve(digest.algorithm()).resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
  }

  @Override
  public Optional<BlobInfo> stat(Digest digest) throws IOException {
    try {
      return Optional.of(new BlobInfo(digest, Files.size(pathOf(digest))));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public InputStream open(Digest digest) throws IOException {
    try {
      return Files.newInputStream(pathOf(digest));
    } catch (NoSuchFileException e) {
      throw new BlobNotFoundException(digest);
    }
  }

  @Override
  public boolean delete(Digest digest) throws IOException {
    return Files.deleteIfExists(pathOf(digest));
  }

  @Override
  public BlobInfo adopt(Path file, Digest digest) throws IOException {
    long size = Files.size(file);
    publish(file, digest);
    return new BlobInfo(digest, size);
  }

  /** Moves a verified file into place, or touches the stored copy of the same digest. */
  private void publish(Path file, Digest digest) throws IOException {
    Path target = pathOf(digest);
    gcLock.readLock().lock();
    try {
      if (Files.exists(target)) {
        Files.delete(file); // stored once: the same digest means the same bytes
        Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
      } else {
        Files.createDirectories(target.getParent());
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        try {
          Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          throw new IOException("uploads and blobs directories must share a file system", e);
        }
      }
    } finally {
      gcLock.readLock().unlock();
    }
  }

  @Override
  public Optional<BlobInfo> touch(Digest digest) throws IOException {
    gcLock.readLock().lock();
    try {
      Path p = pathOf(digest);
      Files.setLastModifiedTime(p, FileTime.from(Instant.now()));
      return Optional.of(new BlobInfo(digest, Files.size(p)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } finally {
      gcLock.readLock().unlock();
    }
  }

  @Override
  public List<Digest> list() throws IOException {
    Path sha = blobs.resolve("sha256");
    if (!Files.isDirectory(sha)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(sha, 2)) {
      return files.filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .filter(hex -> HEX.matcher(hex).matches())
          .map(hex -> Digest.parse("sha256:" + hex))
          .toList();
    }
  }

  @Override
  public long deleteIfUnusedSince(Digest digest, Instant cutoff) throws IOException {
    gcLock.writeLock().lock();
    try {
      Path p = pathOf(digest);
      if (!Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
        return -1;
      }
      long size = Files.size(p);
      Files.delete(p);
      return size;
    } catch (NoSuchFileException e) {
      return -1;
    } finally {
      gcLock.writeLock().unlock();
    }
  }

  @Override
  public BlobWriter ingest() throws IOException {
    Path temp = ingest.resolve(UUID.randomUUID() + ".partial");
    FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new FileBlobWriter(temp, channel);
  }

  private final class FileBlobWriter implements BlobWriter {
    private final Path temp;
    private final FileChannel channel;
    private final MessageDigest hasher = Digest.newSha256();
    private final OutputStream out;
    private long size;
    private boolean done;

    FileBlobWriter(Path temp, FileChannel channel) {
      this.temp = temp;
      this.channel = channel;
      OutputStream file = Channels.newOutputStream(channel);
      this.out = new HashingStream(new BufferedOutputStream(file, 64 * 1024));
    }

    @Override
    public OutputStream stream() {
      return out;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public BlobInfo commit(Digest expected, long expectedSize) throws IOException {
      if (done) {
        throw new IllegalStateException("blob writer already finished");
      }
      out.flush();
      Digest actual = Digest.fromSha256(hasher.digest());
      try {
        if (expectedSize >= 0 && expectedSize != size) {
          throw new BlobDigestMismatchException(
              "size mismatch: expected " + expectedSize + " bytes, got " + size);
        }
        if (expected != null && !expected.equals(actual)) {
          throw new BlobDigestMismatchException(
              "digest mismatch: expected " + expected + ", got " + actual);
        }
        channel.force(true);
        channel.close();
        publish(temp, actual);
        return new BlobInfo(actual, size);
      } finally {
        done = true;
        channel.close();
        Files.deleteIfExists(temp);
      }
    }

    @Override
    public void close() throws IOException {
      if (!done) {
        done = true;
        channel.close();
        Files.deleteIfExists(temp);
      }
    }

    /** Hashes and counts each byte on its way to the file. */
    private final class HashingStream extends FilterOutputStream {
      private final OutputStream file;

      HashingStream(OutputStream file) {
        super(file);
        this.file = file;
      }

      @Override
      public void write(int b) throws IOException {
        file.write(b);
        hasher.update((byte) b);
        size++;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        file.write(b, off, len);
        hasher.update(b, off, len);
        size += len;
      }
    }
  }
}
