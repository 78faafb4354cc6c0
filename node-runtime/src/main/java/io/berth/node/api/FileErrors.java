package io.berth.node.api;

import io.berth.node.rootfs.ContainerFiles;
import io.berth.node.rootfs.RootfsAccess;
import org.jboss.logging.Logger;

/** Docker's status and wording for what a file operation on a container's root can fail with. */
record FileErrors(int status, String message) {
  private static final Logger LOG = Logger.getLogger(FileErrors.class);

  /** {@code ref}: the container as the client named it; {@code path}: the path it asked for. */
  static FileErrors of(Throwable e, String ref, String path) {
    if (e instanceof ContainerFiles.NotFoundException) {
      return new FileErrors(404, "Could not find the file " + path + " in container " + ref);
    }
    if (e instanceof RootfsAccess.NoRootException) {
      return new FileErrors(409, RootfsAccess.NoRootException.message(ref));
    }
    if (e instanceof ContainerFiles.BadRequestException) {
      return new FileErrors(400, e.getMessage());
    }
    LOG.warnf(e, "file operation on container %s failed", ref);
    return new FileErrors(500, String.valueOf(e.getMessage()));
  }
}
