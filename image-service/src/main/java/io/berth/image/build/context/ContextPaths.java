package io.berth.image.build.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Paths inside a directory treated as a root ({@code /}): {@code ..} stops at the root and symlinks
 * are resolved as if the directory were {@code /}, so neither can lead outside it (Docker's
 * FollowSymlinkInScope). Used for the build context and for COPY --from trees.
 */
public final class ContextPaths {
  private static final int MAX_LINKS = 255;

  private ContextPaths() {}

  /** {@code path} cleaned to a relative form without {@code .}, {@code ..} or empty parts ("" is the root). */
  public static String clean(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String p : path.replace('\\', '/').split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (!parts.isEmpty()) {
          parts.removeLast();
        }
        continue;
      }
      parts.addLast(p);
    }
    return String.join("/", parts);
  }

  /** Whether {@code path} (relative, as in a tar) climbs above where it starts. */
  public static boolean escapes(String path) {
    int depth = 0;
    for (String p : path.replace('\\', '/').split("/")) {
      if (p.equals("..")) {
        if (--depth < 0) {
          return true;
        }
      } else if (!p.isEmpty() && !p.equals(".")) {
        depth++;
      }
    }
    return false;
  }

  /**
   * Resolves {@code path} inside {@code root}, following symlinks in scope; the last component is
   * followed too when {@code followLast}. The result may not exist.
   */
  public static Path resolve(Path root, String path, boolean followLast) throws IOException {
    Deque<String> todo = new ArrayDeque<>(List.of(clean(path).split("/")));
    todo.removeIf(String::isEmpty);
    List<String> done = new ArrayList<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String part = todo.removeFirst();
      if (part.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      Path candidate = root.resolve(String.join("/", done)).resolve(part);
      boolean last = todo.isEmpty();
      if (Files.isSymbolicLink(candidate) && (!last || followLast)) {
        if (++links > MAX_LINKS) {
          throw new IOException("too many levels of symbolic links: " + path);
        }
        String target = Files.readSymbolicLink(candidate).toString();
        if (target.startsWith("/")) {
          done.clear();
        }
        List<String> next = new ArrayList<>(List.of(target.split("/")));
        next.removeIf(String::isEmpty);
        for (int i = next.size() - 1; i >= 0; i--) {
          todo.addFirst(next.get(i));
        }
        continue;
      }
      done.add(part);
    }
    return done.isEmpty() ? root : root.resolve(String.join("/", done));
  }

  /** Whether any directory between {@code root} and {@code path} (exclusive) is a symlink. */
  public static boolean throughSymlink(Path root, Path path) {
    Path p = path.getParent();
    while (p != null && p.startsWith(root) && !p.equals(root)) {
      if (Files.isSymbolicLink(p) || (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
        return true;
      }
      p = p.getParent();
    }
    return false;
  }
}
