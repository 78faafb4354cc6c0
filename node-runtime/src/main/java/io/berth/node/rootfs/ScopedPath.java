package io.berth.node.rootfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a path as seen inside a container against the container's root directory on the host:
 * symlinks are followed the way the container itself would follow them (an absolute target starts
 * again at the container's root, ".." never climbs above it), so the result always lies below the
 * root. Docker's {@code FollowSymlinkInScope} plays the same role.
 */
public final class ScopedPath {
  /** Linux's own limit on symlinks followed in one lookup (ELOOP beyond). */
  static final int MAX_LINKS = 40;

  private ScopedPath() {}

  /** The host path of container path {@code path}, every symlink followed, the last one too. */
  public static Path resolve(Path root, String path) throws IOException {
    return root.resolve(String.join("/", walk(root, path, false)));
  }

  /**
   * The host path of {@code path} with its directory resolved in scope and its last component
   * taken literally (a symlink there is the object itself, as {@code docker cp} treats it). A path
   * ending in "/" or "/." is resolved completely.
   */
  public static Path resolveParent(Path root, String path) throws IOException {
    if (path.endsWith("/") || path.endsWith("/.") || path.equals(".")) {
      return resolve(root, path);
    }
    List<String> parts = components(path);
    if (parts.isEmpty()) {
      return root;
    }
    String last = parts.remove(parts.size() - 1);
    if (last.equals("..")) {
      return resolve(root, path);
    }
    return resolve(root, String.join("/", parts)).resolve(last);
  }

  /**
   * Like {@link #resolve} but creates missing directories on the way (0755, owned by root), for
   * extracting an archive; a component that exists but is not a directory is an error.
   */
  public static Path mkdirs(Path root, String path) throws IOException {
    return root.resolve(String.join("/", walk(root, path, true)));
  }

  private static List<String> walk(Path root, String path, boolean create) throws IOException {
    Deque<String> pending = new ArrayDeque<>(components(path));
    List<String> resolved = new ArrayList<>();
    int links = 0;
    while (!pending.isEmpty()) {
      String part = pending.removeFirst();
      if (part.equals("..")) {
        if (!resolved.isEmpty()) {
          resolved.remove(resolved.size() - 1);
        }
        continue;
      }
      Path candidate = root.resolve(String.join("/", resolved)).resolve(part);
      BasicFileAttributes attrs = lstat(candidate);
      if (attrs != null && attrs.isSymbolicLink()) {
        if (++links > MAX_LINKS) {
          throw new IOException("too many levels of symbolic links in " + path);
        }
        String target = Files.readSymbolicLink(candidate).toString();
        if (target.startsWith("/")) {
          resolved.clear();
        }
        List<String> targetParts = components(target);
        for (int i = targetParts.size() - 1; i >= 0; i--) {
          pending.addFirst(targetParts.get(i));
        }
        continue;
      }
      if (create) {
        if (attrs == null) {
          Files.createDirectory(candidate);
        } else if (!attrs.isDirectory()) {
          throw new NotADirectoryException("/" + String.join("/", resolved) + (resolved.isEmpty() ? "" : "/") + part);
        }
      }
      resolved.add(part);
    }
    return resolved;
  }

  /** A path component that should be a directory is something else. */
  public static final class NotADirectoryException extends IOException {
    public NotADirectoryException(String containerPath) {
      super(containerPath + " is not a directory");
    }
  }

  /** Components without empty and "." parts; ".." kept. */
  static List<String> components(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    return parts;
  }

  /** Attributes without following a symlink, or null when nothing is there. */
  static BasicFileAttributes lstat(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    } catch (java.nio.file.FileSystemException e) {
      if (e.getReason() != null && e.getReason().contains("Not a directory")) {
        return null; // a parent is a file: nothing can be there
      }
      throw e;
    }
  }
}
