package io.berth.node.volume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a path inside a container's root the way the container would see it: symlinks are
 * followed relative to the root, and neither a link nor ".." can lead outside it.
 */
public final class InRoot {
  private static final int MAX_LINKS = 40;

  private InRoot() {}

  /** The host path {@code path} (absolute, in the container) designates under {@code root}. */
  public static Path resolve(Path root, String path) throws IOException {
    Deque<String> todo = new ArrayDeque<>();
    push(todo, path);
    Deque<String> done = new ArrayDeque<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String part = todo.pop();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        done.pollLast(); // at the root, ".." stays at the root, as in the kernel
        continue;
      }
      Path candidate = join(root, done).resolve(part);
      if (Files.isSymbolicLink(candidate)) {
        if (++links > MAX_LINKS) {
          throw new IOException("too many levels of symbolic links in " + path);
        }
        String target = Files.readSymbolicLink(candidate).toString();
        if (target.startsWith("/")) {
          done.clear();
        }
        push(todo, target);
        continue;
      }
      done.addLast(part);
    }
    Path resolved = join(root, done);
    if (!resolved.normalize().startsWith(root.normalize())) {
      throw new IOException("path escapes the container root: " + path);
    }
    return resolved;
  }

  /** Whether {@code p} exists as a directory, not following a final symlink (already resolved). */
  public static boolean isDirectory(Path p) {
    return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
  }

  private static void push(Deque<String> todo, String path) {
    String[] parts = path.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      todo.push(parts[i]);
    }
  }

  private static Path join(Path root, Deque<String> parts) {
    Path p = root;
    for (String part : parts) {
      p = p.resolve(part);
    }
    return p;
  }
}
