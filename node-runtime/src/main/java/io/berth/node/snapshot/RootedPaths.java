package io.berth.node.snapshot;

import io.berth.oci.layer.LayerPathException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/**
 * Resolves normalized layer paths under an extraction root one component at a time, refusing to
 * pass through any symlink, so an entry can never be written through a link an earlier entry made.
 */
final class RootedPaths {
  private final Path root;
  // Directories already checked; dropped whenever a directory is replaced by something else.
  private final Set<String> verifiedDirs = new HashSet<>();

  RootedPaths(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** Returns the directory for {@code dir} (normalized, "" = root), creating missing parts 0755. */
  Path directory(String entryName, String dir) throws IOException {
    if (dir.isEmpty() || verifiedDirs.contains(dir)) {
      return root.resolve(dir);
    }
    Path current = root;
    StringBuilder sofar = new StringBuilder();
    for (String part : dir.split("/")) {
      if (sofar.length() > 0) {
        sofar.append('/');
      }
      sofar.append(part);
      current = current.resolve(part);
      if (verifiedDirs.contains(sofar.toString())) {
        continue;
      }
      BasicFileAttributes attrs = lstat(current);
      if (attrs == null) {
        Files.createDirectory(current);
      } else if (attrs.isSymbolicLink()) {
        throw new LayerPathException(entryName, "path goes through symlink \"" + sofar + "\"");
      } else if (!attrs.isDirectory()) {
        throw new LayerPathException(entryName, "\"" + sofar + "\" is not a directory");
      }
      verifiedDirs.add(sofar.toString());
    }
    return current;
  }

  /** Forgets {@code path} and everything below it (it is being replaced). */
  void forget(String path) {
    String prefix = path + "/";
    verifiedDirs.removeIf(d -> d.equals(path) || d.startsWith(prefix));
  }

  /** The file's attributes without following a symlink, or null when nothing is there. */
  static BasicFileAttributes lstat(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }
}
