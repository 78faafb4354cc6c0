package io.berth.image.registry;

import io.berth.image.blob.BlobInfo;
import io.berth.image.blob.BlobStore;
import io.berth.oci.Digest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Optional;

/**
 * Which blobs a repository may serve, for blocking endpoints: the ones pushed or mounted into it
 * (linked), and, for a repository of Docker images, every stored blob (as before pushes existed).
 */
@ApplicationScoped
public class RepositoryBlobs {
  private final BlobStore blobs;
  private final BlobLinkRepository links;
  private final RegistryService registry;

  public RepositoryBlobs(BlobStore blobs, BlobLinkRepository links, RegistryService registry) {
    this.blobs = blobs;
    this.links = links;
    this.registry = registry;
  }

  /** The blob if {@code name} holds it. */
  public Optional<BlobInfo> find(String name, String host, Digest digest) throws IOException {
    Optional<BlobInfo> info = blobs.stat(digest);
    if (info.isEmpty()) {
      return info;
    }
    boolean linked = Await.await(() -> links.linked(name, digest.toString()));
    return linked || registry.isImageRepository(name, host) ? info : Optional.empty();
  }

  /**
   * True when {@code name} links {@code digest}, without blocking: the blob GET/HEAD fast path. A
   * false answer is not final: a repository of Docker images serves unlinked blobs too.
   */
  public Uni<Boolean> linked(String name, Digest digest) {
    return links.linked(name, digest.toString());
  }

  /** Links the blob into {@code name}, without blocking (an upload's last step). */
  public Uni<Void> linkAsync(String name, Digest digest) {
    return links.link(name, digest.toString());
  }

  /**
   * Cross-repository mount: links the blob into {@code name} if {@code from} holds it. The bytes
   * are touched first, so a garbage collection running meanwhile either spares them or has
   * already taken them (then the client uploads instead).
   */
  public boolean mount(String name, String from, String host, Digest digest) throws IOException {
    if (find(from, host, digest).isEmpty() || blobs.touch(digest).isEmpty()) {
      return false;
    }
    link(name, digest);
    return true;
  }

  /**
   * For a manifest about to reference the blob: true if {@code name} holds it, and then its bytes
   * and link count as freshly used, so a concurrent garbage collection cannot take them between
   * this check and the manifest's insert.
   */
  public boolean claim(String name, String host, Digest digest) throws IOException {
    if (blobs.touch(digest).isEmpty()) {
      return false;
    }
    boolean renewed = Await.await(() -> links.renew(name, digest.toString()));
    return renewed || registry.isImageRepository(name, host);
  }

  public void link(String name, Digest digest) {
    Await.await(() -> links.link(name, digest.toString()));
  }

  /** Removes the blob from {@code name}; its bytes go when nothing else needs them. */
  public boolean delete(String name, Digest digest) throws IOException {
    boolean unlinked = Await.await(() -> links.unlink(name, digest.toString()));
    if (unlinked && !Await.await(() -> links.inUse(digest.toString()))) {
      blobs.delete(digest);
    }
    return unlinked;
  }
}
