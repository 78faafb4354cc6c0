package io.berth.node.rootfs;

import io.berth.node.linux.Syscalls;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code docker diff}: what a container changed, read from its overlay writable layer against the
 * image's layers. In the writable layer a 0:0 character device is a deletion (whiteout) and a
 * directory marked opaque hides everything below it in the layers; any other entry is a change
 * when the layers have that path and an addition when they do not.
 */
public final class RootfsChanges {
  static final String OPAQUE_XATTR = "trusted.overlay.opaque";

  /** Docker's kinds: 0 modified, 1 added, 2 deleted. */
  public enum Kind { MODIFIED, ADDED, DELETED }

  /** One line of docker diff; {@code path} is absolute in the container. */
  public record Change(String path, Kind kind) {}

  private RootfsChanges() {}

  /** {@code upper}: the writable layer; {@code lowers}: the image layers, topmost first. */
  public static List<Change> between(Path upper, List<Path> lowers) throws IOException {
    List<Change> changes = new ArrayList<>();
    Files.walkFileTree(upper, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (dir.equals(upper)) {
          return FileVisitResult.CONTINUE;
        }
        String rel = upper.relativize(dir).toString();
        boolean below = inLowers(lowers, rel);
        changes.add(new Change("/" + rel, below ? Kind.MODIFIED : Kind.ADDED));
        if (below && opaque(dir)) {
          deletedChildren(dir, rel, lowers, changes);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String rel = upper.relativize(file).toString();
        if (isWhiteout(file)) {
          changes.add(new Change("/" + rel, Kind.DELETED));
        } else {
          changes.add(new Change("/" + rel, inLowers(lowers, rel) ? Kind.MODIFIED : Kind.ADDED));
        }
        return FileVisitResult.CONTINUE;
      }
    });
    changes.sort(Comparator.comparing(Change::path));
    return changes;
  }

  // An opaque directory hides the layers' entries below it that the writable layer does not have.
  private static void deletedChildren(Path dir, String rel, List<Path> lowers, List<Change> changes) throws IOException {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Path lower : lowers) {
      Path d = lower.resolve(rel);
      if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
        break;
      }
      try (Stream<Path> children = Files.list(d)) {
        for (Path child : (Iterable<Path>) children::iterator) {
          String name = child.getFileName().toString();
          if (seen.add(name) && !isWhiteout(child) && ScopedPath.lstat(dir.resolve(name)) == null) {
            changes.add(new Change("/" + rel + "/" + name, Kind.DELETED));
          }
        }
      }
      if (opaque(d)) {
        break;
      }
    }
  }

  /** Whether the merged layers (without the writable one) have {@code rel}. */
  static boolean inLowers(List<Path> lowers, String rel) throws IOException {
    String[] parts = rel.split("/");
    for (Path lower : lowers) {
      // An opaque ancestor in this layer hides every layer below it.
      Path p = lower;
      boolean hidden = false;
      for (int i = 0; i < parts.length - 1; i++) {
        p = p.resolve(parts[i]);
        if (ScopedPath.lstat(p) == null) {
          break;
        }
        if (isWhiteout(p)) {
          return false;
        }
        if (opaque(p)) {
          hidden = true;
        }
      }
      Path candidate = lower.resolve(rel);
      if (ScopedPath.lstat(candidate) != null) {
        return !isWhiteout(candidate);
      }
      if (hidden) {
        return false;
      }
    }
    return false;
  }

  static boolean isWhiteout(Path p) throws IOException {
    Map<String, Object> a;
    try {
      a = Files.readAttributes(p, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
    return ((Integer) a.get("mode") & 0170000) == 0020000 && (Long) a.get("rdev") == 0;
  }

  static boolean opaque(Path dir) {
    try {
      return "y".equals(Syscalls.lgetxattr(dir, OPAQUE_XATTR));
    } catch (IOException e) {
      return false;
    }
  }
}
