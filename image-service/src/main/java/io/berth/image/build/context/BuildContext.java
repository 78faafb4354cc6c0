package io.berth.image.build.context;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * A build's context, extracted only when a step needs its files. A context up to {@code
 * memoryLimit} bytes (as sent, compressed or not) is held in memory and indexed as a {@link
 * ContextTree}: the Dockerfile is read and COPY checksums are computed from that, so a fully cached
 * build writes nothing. The first step that must read files (a COPY that misses, any ADD) extracts
 * it into its directory. A larger or not plain context is extracted at once. Not thread-safe: one
 * per build.
 */
public final class BuildContext {
  private final Path dir;
  private byte[] raw;
  private final ContextTree tree;
  private ContentDigests digests;
  private ContentDigests treeDigests;

  private BuildContext(Path dir, byte[] raw, ContextTree tree, ContentDigests digests) {
    this.dir = dir;
    this.raw = raw;
    this.tree = tree;
    this.digests = digests;
  }

  /**
   * Receives the context from {@code body}.
   *
   * @param dir where the context is extracted (an empty directory, or none yet)
   * @param keep the files the build reads before its steps (the Dockerfile, .dockerignore), kept in memory
   */
  public static BuildContext receive(InputStream body, Path dir, long memoryLimit, Set<String> keep) throws IOException {
    byte[] head = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, memoryLimit + 1));
    if (head.length <= memoryLimit) {
      ContextTree tree = ContextTree.read(head, keep);
      if (tree != null) {
        return new BuildContext(dir, head, tree, null);
      }
      return new BuildContext(dir, null, null, extract(new ByteArrayInputStream(head), dir));
    }
    return new BuildContext(dir, null, null, extract(new SequenceInputStream(new ByteArrayInputStream(head), body), dir));
  }

  private static ContentDigests extract(InputStream in, Path dir) throws IOException {
    Files.createDirectories(dir);
    return ContextExtractor.extract(in, dir);
  }

  /** The in-memory index, or null once the context only exists on disk. */
  public ContextTree tree() {
    return tree;
  }

  /** Where the context's files are (or will be, once {@link #extracted()}). */
  public Path dir() {
    return dir;
  }

  /** The context on disk, extracting it first if it is still only in memory. */
  public Path extracted() throws IOException {
    if (digests == null) {
      digests = extract(new ByteArrayInputStream(raw), dir);
      raw = null;
    }
    return dir;
  }

  /** The digests of the extracted files (extracting first if needed). */
  public ContentDigests digests() throws IOException {
    extracted();
    return digests;
  }

  /** The tree's file digests, by the paths the files have once extracted. */
  public ContentDigests treeDigests() {
    if (treeDigests == null) {
      ContentDigests d = ContentDigests.empty();
      for (String p : tree.paths()) {
        ContextTree.Node n = tree.node(p);
        if (n.kind() == ContextTree.Kind.FILE) {
          d.put(dir.resolve(p), n.digest());
        }
      }
      treeDigests = d;
    }
    return treeDigests;
  }

  /**
   * The bytes of the regular file {@code name} in the context, or null when there is none.
   *
   * @param followLast whether a symlink named {@code name} is followed (in scope), as for the Dockerfile
   */
  public byte[] regularFile(String name, boolean followLast) throws IOException {
    if (tree != null && digests == null) {
      String rel = ContextPaths.clean(name);
      ContextTree.Node n = tree.node(rel);
      if (n == null || n.kind() != ContextTree.Kind.FILE) {
        return null;
      }
      byte[] kept = tree.content(rel);
      if (kept != null) {
        return kept;
      }
    }
    Path file = ContextPaths.resolve(extracted(), name, followLast);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    return Files.readAllBytes(file);
  }
}
