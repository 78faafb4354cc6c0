package io.berth.node.rootfs;

import io.berth.node.bundle.Bundle;
import io.berth.node.bundle.BundleStore;
import io.berth.node.mount.OverlayMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A container's merged root filesystem for docker cp, diff and export, whether or not it runs.
 * A stopped container's root is unmounted by design (it holds no mount); it is mounted for the
 * duration of the work and unmounted again. Callers run this in the container's command order
 * (see TaskManager#exclusive), so no start or stop interleaves with the temporary mount.
 */
public final class RootfsAccess {

  /** The container has no root on this node (never started here, or removed). */
  public static final class NoRootException extends IOException {
    NoRootException(String containerId) {
      super(message(containerId));
    }

    /** Berth makes a container's root at its first start; Docker already at create. */
    public static String message(String ref) {
      return "container " + ref + " has no root filesystem yet: Berth creates it at the first start";
    }
  }

  /** Work on the mounted root. */
  @FunctionalInterface
  public interface RootWork<T> {
    T apply(Path root) throws IOException;
  }

  /** A container's image layers, bottom first, fetched on demand (a never-started container's root is made from them). */
  @FunctionalInterface
  public interface ImageLayers {
    List<Path> fetch() throws IOException;
  }

  private final BundleStore bundles;

  public RootfsAccess(BundleStore bundles) {
    this.bundles = bundles;
  }

  /**
   * As {@link #withRoot(String, RootWork)}; a container that has no root on this node yet (created,
   * never started) gets one made from {@code image} first, as Docker has it from create on.
   * {@code image} null: no such fallback.
   */
  public <T> T withRoot(String containerId, ImageLayers image, RootWork<T> work) throws IOException {
    if (image != null && !exists(containerId)) {
      List<Path> topmostFirst = new java.util.ArrayList<>(image.fetch());
      java.util.Collections.reverse(topmostFirst);
      bundles.prepare(containerId, topmostFirst);
    }
    return withRoot(containerId, work);
  }

  private boolean exists(String containerId) throws NoRootException {
    try {
      return Files.exists(bundles.bundle(containerId).dir());
    } catch (IllegalArgumentException e) {
      throw new NoRootException(containerId);
    }
  }

  /** Runs {@code work} with the container's merged root mounted. */
  public <T> T withRoot(String containerId, RootWork<T> work) throws IOException {
    Bundle b = bundle(containerId);
    if (OverlayMount.isMounted(b.rootfs())) {
      return work.apply(b.rootfs());
    }
    List<Path> lowers = bundles.lowers(containerId);
    if (lowers.isEmpty()) {
      throw new IOException("the layers of container " + containerId + " are not recorded (created by an older node-runtime)");
    }
    bundles.remount(containerId, lowers);
    try {
      return work.apply(b.rootfs());
    } finally {
      bundles.release(containerId);
    }
  }

  /** The writable layer and the image layers (topmost first), for docker diff; nothing is mounted. */
  public List<RootfsChanges.Change> changes(String containerId) throws IOException {
    Bundle b = bundle(containerId);
    return RootfsChanges.between(b.upper(), bundles.lowers(containerId));
  }

  /** Writes the container's writable layer as an image layer tar (docker commit); nothing is mounted. */
  public void writeLayer(String containerId, java.io.OutputStream out) throws IOException {
    Bundle b;
    try {
      b = bundles.bundle(containerId);
    } catch (IllegalArgumentException e) {
      throw new NoRootException(containerId);
    }
    LayerArchiver.write(b.upper(), out);
  }

  private Bundle bundle(String containerId) throws IOException {
    Bundle b;
    try {
      b = bundles.bundle(containerId);
    } catch (IllegalArgumentException e) {
      throw new NoRootException(containerId);
    }
    if (!Files.isDirectory(b.upper())) {
      throw new NoRootException(containerId);
    }
    return b;
  }
}
