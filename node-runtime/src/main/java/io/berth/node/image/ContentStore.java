package io.berth.node.image;

import io.berth.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.UUID;

/**
 * The node's local copy of image blobs, by digest: {@code content/sha256/<hex>}. A blob is written
 * to a temp file, hashed while streaming and moved into place only when its digest matches.
 */
public final class ContentStore {
  private final Path root;
  private final Path ingest;

  public ContentStore(Path root) throws IOException {
    this.root = root.resolve("sha256");
    this.ingest = root.resolve("ingest");
    Files.createDirectories(this.root);
    Files.createDirectories(ingest);
  }

  public Path path(Digest digest) {
    return root.resolve(digest.hex());
  }

  public boolean has(Digest digest) {
    return Files.isRegularFile(path(digest));
  }

  /** Stores {@code content}, which must hash to {@code digest}; returns the blob's path. */
  public Path put(Digest digest, InputStream content) throws IOException {
    Path target = path(digest);
    if (Files.isRegularFile(target)) {
      content.close();
      return target;
    }
    Path tmp = ingest.resolve(digest.hex() + "-" + UUID.randomUUID());
    MessageDigest sha = Digest.newSha256();
    try (InputStream in = new DigestInputStream(content, sha);
        OutputStream out = Files.newOutputStream(tmp)) {
      in.transferTo(out);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Digest actual = Digest.fromSha256(sha.digest());
    if (!actual.equals(digest)) {
      Files.deleteIfExists(tmp);
      throw new IOException("blob content is " + actual + ", expected " + digest);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  public byte[] read(Digest digest) throws IOException {
    return Files.readAllBytes(path(digest));
  }
}
