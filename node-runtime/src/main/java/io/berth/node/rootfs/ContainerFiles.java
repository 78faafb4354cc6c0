package io.berth.node.rootfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The file operations behind docker cp, on a mounted container root: stat a path, archive it,
 * extract an archive into a directory. Paths are container paths, resolved in the container's
 * scope ({@link ScopedPath}).
 */
public final class ContainerFiles {

  /** Docker's 404 for a path the container does not have. */
  public static final class NotFoundException extends IOException {
    NotFoundException(String path) {
      super(path);
    }
  }

  /** Docker's 400: a bad path or an archive that may not be extracted there. */
  public static final class BadRequestException extends IOException {
    BadRequestException(String message) {
      super(message);
    }
  }

  private ContainerFiles() {}

  /** Stats {@code path} without following a symlink in its last component. */
  public static PathStat stat(Path root, String path) throws IOException {
    String abs = absolute(path);
    Path host = ScopedPath.resolveParent(root, abs);
    if (ScopedPath.lstat(host) == null) {
      throw new NotFoundException(path);
    }
    String linkTarget = "";
    if (ScopedPath.lstat(host).isSymbolicLink()) {
      linkTarget = "/" + root.relativize(ScopedPath.resolve(root, abs));
    }
    return PathStat.of(host, baseName(abs), linkTarget);
  }

  /** Writes {@code path} as a tar whose entries start with its base name, as dockerd does. */
  public static void archive(Path root, String path, OutputStream out) throws IOException {
    String abs = absolute(path);
    Path host = ScopedPath.resolveParent(root, abs);
    if (ScopedPath.lstat(host) == null) {
      throw new NotFoundException(path);
    }
    String name = abs.endsWith("/.") || abs.equals("/") ? "." : baseName(abs);
    TreeArchiver.write(host, name, out);
  }

  /** Extracts {@code archive} into directory {@code path} (every symlink on the way followed in scope). */
  public static int extract(Path root, String path, InputStream archive, boolean noOverwriteDirNonDir, boolean copyOwners)
      throws IOException {
    String abs = absolute(path);
    Path dir = ScopedPath.resolve(root, abs);
    var attrs = ScopedPath.lstat(dir);
    if (attrs == null) {
      throw new NotFoundException(path);
    }
    if (!attrs.isDirectory()) {
      throw new BadRequestException("extraction point is not a directory");
    }
    String containerDir = "/" + root.relativize(dir);
    try {
      return new ArchiveExtractor(root, containerDir, noOverwriteDirNonDir, copyOwners).extract(archive);
    } catch (io.berth.oci.layer.LayerPathException | ArchiveExtractor.OverwriteException | ScopedPath.NotADirectoryException e) {
      throw new BadRequestException(e.getMessage());
    }
  }

  /** The path as an absolute container path, trailing "/" or "/." kept (they change its meaning). */
  static String absolute(String path) throws BadRequestException {
    if (path == null || path.isEmpty()) {
      throw new BadRequestException("Path cannot be empty");
    }
    if (path.indexOf('\0') >= 0) {
      throw new BadRequestException("invalid path");
    }
    return path.startsWith("/") ? path : "/" + path;
  }

  static String baseName(String abs) {
    java.util.List<String> parts = ScopedPath.components(abs);
    return parts.isEmpty() ? "/" : parts.get(parts.size() - 1);
  }
}
