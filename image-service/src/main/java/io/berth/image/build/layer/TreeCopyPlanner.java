package io.berth.image.build.layer;

import io.berth.dockerfile.Glob;
import io.berth.image.build.context.ContextPaths;
import io.berth.image.build.context.ContextTree;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@link CopyPlanner}'s entries for a COPY from the build context, worked out from the context's
 * in-memory index instead of its files: the same sources, paths, kinds, modes and ownership, so
 * {@link LayerChecksum} gives the same checksum. Entry times are not known here (the checksum leaves
 * them out): the entries name the files where the context is extracted, for the checksum only; a
 * step that runs plans again from the extracted files. A source that matches nothing is left to
 * {@link CopyPlanner}, which reports it.
 */
public final class TreeCopyPlanner {
  private final ContextTree tree;
  private final Path root;
  private final Predicate<String> excluded;

  /**
   * @param root where the context is (or will be) extracted
   * @param excluded paths that must not be seen (.dockerignore), or none
   */
  public TreeCopyPlanner(ContextTree tree, Path root, Predicate<String> excluded) {
    this.tree = tree;
    this.root = root;
    this.excluded = excluded == null ? p -> false : excluded;
  }

  /** The sources (relative paths, "" for the whole context), or null when one matches nothing. */
  public List<String> sources(List<String> patterns) {
    List<String> out = new ArrayList<>();
    for (String pattern : patterns) {
      String clean = ContextPaths.clean(pattern);
      if (CopyPlanner.hasWildcard(clean)) {
        List<String> matches = tree.paths().stream().filter(p -> !excluded.test(p) && Glob.matches(clean, p)).toList();
        if (matches.isEmpty()) {
          return null;
        }
        out.addAll(matches);
      } else if (clean.isEmpty()) {
        out.add(clean);
      } else if (excluded.test(clean) || tree.node(clean) == null) {
        return null;
      } else {
        out.add(clean);
      }
    }
    return out;
  }

  /** Whether the source {@code rel} is a directory. */
  public boolean isDirectory(String rel) {
    return rel.isEmpty() || tree.node(rel).kind() == ContextTree.Kind.DIRECTORY;
  }

  /** The entries copying {@code source} to {@code dest}, as {@link CopyPlanner#plan} lists them. */
  public List<LayerEntry> plan(String source, String dest, String workingDir, CopyPlanner.Options options) {
    String target = CopyPlanner.absolute(dest, workingDir);
    boolean destIsDir = dest.endsWith("/") || dest.equals(".") || dest.endsWith("/.");
    String destRel = ContextPaths.clean(target);
    List<LayerEntry> entries = new ArrayList<>();
    if (isDirectory(source)) {
      CopyPlanner.parents(entries, destRel, true, options);
      int prefix = source.isEmpty() ? 0 : source.length() + 1;
      for (String p : tree.under(source)) {
        if (!excluded.test(p)) {
          entries.add(entry(p, CopyPlanner.join(destRel, p.substring(prefix)), options));
        }
      }
    } else {
      String name = source.substring(source.lastIndexOf('/') + 1);
      String file = destIsDir ? CopyPlanner.join(destRel, name) : destRel;
      CopyPlanner.parents(entries, CopyPlanner.parentOf(file), true, options);
      entries.add(entry(source, file, options));
    }
    return entries;
  }

  private LayerEntry entry(String rel, String imagePath, CopyPlanner.Options options) {
    ContextTree.Node n = tree.node(rel);
    int mode = options.chmod() != null ? options.chmod() : n.mode();
    boolean file = n.kind() == ContextTree.Kind.FILE;
    return new LayerEntry(imagePath, file ? LayerEntry.Kind.FILE : LayerEntry.Kind.DIRECTORY,
        file ? root.resolve(rel) : null, null, mode, options.uidOr0(), options.gidOr0(), Instant.EPOCH);
  }
}
