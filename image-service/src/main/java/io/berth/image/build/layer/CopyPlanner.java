package io.berth.image.build.layer;

import io.berth.dockerfile.Glob;
import io.berth.image.build.context.ContextPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Docker's COPY/ADD directory semantics, turned into layer entries: sources are paths or globs
 * inside a root (the context or a stage's tree), followed through symlinks in scope; a directory
 * source copies its contents; several sources need a destination ending in '/'; a relative
 * destination is relative to WORKDIR. Entries are root-owned unless --chown, with their own mode
 * unless --chmod.
 */
public final class CopyPlanner {
  /** Directories whose usual mode is not 0755: a layer that names them must not change it. */
  private static final Map<String, Integer> KNOWN_MODES = Map.of("tmp", 01777, "var/tmp", 01777, "root", 0700);
  private static final int S_IFMT = 0170000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFLNK = 0120000;

  private final Path root;
  private final String instruction;
  private final Predicate<String> excluded;

  /**
   * @param instruction "COPY" or "ADD", for messages
   * @param excluded paths (relative to root) that must not be seen (.dockerignore), or none
   */
  public CopyPlanner(Path root, String instruction, Predicate<String> excluded) {
    this.root = root;
    this.instruction = instruction;
    this.excluded = excluded == null ? p -> false : excluded;
  }

  /** Ownership and mode overrides of a COPY/ADD; null fields keep the defaults. */
  public record Options(Integer uid, Integer gid, Integer chmod) {
    public static final Options NONE = new Options(null, null, null);

    int uidOr0() {
      return uid == null ? 0 : uid;
    }

    int gidOr0() {
      return gid == null ? 0 : gid;
    }
  }

  /** A source found in the root and where it goes. */
  public record Source(String pattern, Path path) {}

  /** Expands the sources (globs included); fails with Docker's message when one matches nothing. */
  public List<Source> sources(List<String> patterns) throws IOException {
    List<Source> out = new ArrayList<>();
    for (String pattern : patterns) {
      String clean = ContextPaths.clean(pattern);
      if (hasWildcard(clean)) {
        List<String> matches = walkRelative().stream().filter(p -> Glob.matches(clean, p)).sorted().toList();
        if (matches.isEmpty()) {
          throw notFound(pattern);
        }
        for (String m : matches) {
          out.add(new Source(m, ContextPaths.resolve(root, m, true)));
        }
        continue;
      }
      if (!clean.isEmpty() && excluded.test(clean)) {
        throw notFound(pattern);
      }
      Path p = ContextPaths.resolve(root, clean, true);
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        throw notFound(pattern);
      }
      out.add(new Source(clean, p));
    }
    return out;
  }

  /** The layer entries for copying {@code sources} to {@code dest}. */
  public List<LayerEntry> plan(List<Source> sources, String dest, String workingDir, Options options)
      throws IOException {
    String target = absolute(dest, workingDir);
    boolean destIsDir = dest.endsWith("/") || dest.equals(".") || dest.endsWith("/.");
    if (sources.size() > 1 && !destIsDir) {
      throw new CopyFailedException("When using " + instruction
          + " with more than one source file, the destination must be a directory and end with a /");
    }
    String destRel = ContextPaths.clean(target);
    List<LayerEntry> entries = new ArrayList<>();
    for (Source s : sources) {
      if (Files.isDirectory(s.path())) {
        parents(entries, destRel, true, options);
        copyTree(s.path(), destRel, entries, options);
      } else {
        String file = destIsDir ? join(destRel, s.path().getFileName().toString()) : destRel;
        parents(entries, parentOf(file), true, options);
        entries.add(entry(s.path(), file, options));
      }
    }
    return entries;
  }

  /** Entries for a tree's contents under {@code destRel} (ADD archives, --from directories). */
  public void copyTree(Path dir, String destRel, List<LayerEntry> entries, Options options) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted().toList()) {
        if (p.equals(dir)) {
          continue;
        }
        String rel = dir.relativize(p).toString();
        // .dockerignore speaks of paths relative to the context, whatever directory is copied.
        if (p.startsWith(root) && excluded.test(root.relativize(p).toString())) {
          continue;
        }
        entries.add(entry(p, join(destRel, rel), options));
      }
    }
  }

  /** Directory entries for {@code rel} and its ancestors (ancestors root-owned, the last one per --chown). */
  public static void parents(List<LayerEntry> entries, String rel, boolean chownLast, Options options) {
    if (rel.isEmpty()) {
      return;
    }
    String[] parts = rel.split("/");
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        path.append('/');
      }
      path.append(parts[i]);
      String p = path.toString();
      boolean last = i == parts.length - 1;
      int uid = last && chownLast ? options.uidOr0() : 0;
      int gid = last && chownLast ? options.gidOr0() : 0;
      entries.add(new LayerEntry(p, LayerEntry.Kind.DIRECTORY, null, null, KNOWN_MODES.getOrDefault(p, 0755),
          uid, gid, Instant.now()));
    }
  }

  private LayerEntry entry(Path p, String imagePath, Options options) throws IOException {
    // One lstat for type, mode (with setuid, setgid and sticky bits) and time (a COPY of a tree
    // does this for every file).
    Map<String, Object> a = Files.readAttributes(p, "unix:mode,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
    int st = (Integer) a.get("mode");
    Instant modified = ((FileTime) a.get("lastModifiedTime")).toInstant();
    if ((st & S_IFMT) == S_IFLNK) {
      return new LayerEntry(imagePath, LayerEntry.Kind.SYMLINK, null, Files.readSymbolicLink(p).toString(), 0777,
          options.uidOr0(), options.gidOr0(), modified);
    }
    int mode = options.chmod() != null ? options.chmod() : st & 07777;
    LayerEntry.Kind kind = (st & S_IFMT) == S_IFDIR ? LayerEntry.Kind.DIRECTORY : LayerEntry.Kind.FILE;
    return new LayerEntry(imagePath, kind, kind == LayerEntry.Kind.FILE ? p : null, null, mode,
        options.uidOr0(), options.gidOr0(), modified);
  }

  private List<String> walkRelative() throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString())
          .filter(p -> !excluded.test(p)).toList();
    }
  }

  private CopyFailedException notFound(String pattern) {
    return new CopyFailedException(instruction + " failed: file not found in build context or excluded by"
        + " .dockerignore: stat " + pattern + ": file does not exist");
  }

  /** {@code dest} made absolute against WORKDIR ("/" when unset). */
  public static String absolute(String dest, String workingDir) {
    if (dest.startsWith("/")) {
      return dest;
    }
    String wd = workingDir == null || workingDir.isEmpty() ? "/" : workingDir;
    return wd.endsWith("/") ? wd + dest : wd + "/" + dest;
  }

  static boolean hasWildcard(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }

  static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  static String parentOf(String rel) {
    int slash = rel.lastIndexOf('/');
    return slash < 0 ? "" : rel.substring(0, slash);
  }
}
