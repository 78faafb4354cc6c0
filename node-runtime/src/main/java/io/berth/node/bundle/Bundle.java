package io.berth.node.bundle;

import java.nio.file.Path;

/** A container's on-disk OCI bundle: config.json, the rootfs mount point and its writable layer. */
public record Bundle(String containerId, Path dir) {
  public Path config() {
    return dir.resolve("config.json");
  }

  public Path rootfs() {
    return dir.resolve("rootfs");
  }

  /** The container's own writable layer (overlay upperdir). */
  public Path upper() {
    return dir.resolve("diff");
  }

  public Path work() {
    return dir.resolve("work");
  }

  public Path log() {
    return dir.resolve("container.log");
  }
}
