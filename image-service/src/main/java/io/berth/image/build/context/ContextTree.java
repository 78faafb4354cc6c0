package io.berth.image.build.context;

import io.berth.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A build context read into memory without writing it out: every path with its kind, permission
 * bits and (files) the sha256 of its bytes, plus the bytes of the few files the build reads itself
 * (the Dockerfile, .dockerignore). Enough to compute a COPY's cache checksum, so a fully cached
 * build never extracts its context to disk.
 *
 * <p>Only plain contexts are indexed: directories and regular files with printable ASCII names, each
 * listed once, every directory before what it holds. Anything else (symlinks, hard links, names
 * climbing out, devices, implicit directories, a damaged archive) yields no tree: such a context is
 * extracted as before ({@link ContextExtractor}), which applies (and reports) the full rules.
 * Names sort as ASCII strings, the order a walk of the extracted tree sorts them in.
 */
public final class ContextTree {
  public enum Kind { FILE, DIRECTORY }

  /** One path: its kind, permission bits (as extraction sets them) and a file's digest. */
  public record Node(Kind kind, int mode, byte[] digest) {}

  private final NavigableMap<String, Node> nodes = new TreeMap<>();
  private final Map<String, byte[]> kept = new HashMap<>();

  private ContextTree() {}

  /**
   * Indexes {@code raw} (a tar, compressed or not); keeps the bytes of the files named {@code keep}
   * (relative, cleaned). Returns null when the context is not plain (see above).
   */
  static ContextTree read(byte[] raw, Set<String> keep) {
    ContextTree tree = new ContextTree();
    byte[] buf = new byte[64 * 1024];
    try (TarArchiveInputStream tar = new TarArchiveInputStream(Decompression.open(new ByteArrayInputStream(raw)))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String name = e.getName();
        if (!printableAscii(name) || ContextPaths.escapes(stripRoot(name))) {
          return null;
        }
        String rel = ContextPaths.clean(name);
        if (rel.isEmpty()) {
          if (!e.isDirectory()) {
            return null;
          }
          continue;
        }
        int slash = rel.lastIndexOf('/');
        if (tree.nodes.containsKey(rel)
            || (slash > 0 && tree.kind(rel.substring(0, slash)) != Kind.DIRECTORY)) {
          return null;
        }
        int mode = e.getMode() & 07777;
        if (e.isDirectory()) {
          tree.nodes.put(rel, new Node(Kind.DIRECTORY, mode, null));
        } else if (e.isFile() && !e.isLink() && !e.isSymbolicLink()) {
          ByteArrayOutputStream copy = keep.contains(rel) ? new ByteArrayOutputStream() : null;
          tree.nodes.put(rel, new Node(Kind.FILE, mode, digest(tar, buf, copy)));
          if (copy != null) {
            tree.kept.put(rel, copy.toByteArray());
          }
        } else {
          return null;
        }
      }
    } catch (IOException | RuntimeException damaged) {
      return null;
    }
    return tree;
  }

  /** The path {@code rel} (cleaned), or null. */
  public Node node(String rel) {
    return nodes.get(rel);
  }

  /** Every path, sorted. */
  public Collection<String> paths() {
    return nodes.navigableKeySet();
  }

  /** The paths below the directory {@code dir} ("" for the root), sorted. */
  public Collection<String> under(String dir) {
    if (dir.isEmpty()) {
      return paths();
    }
    // '0' follows '/': the range holds exactly the names starting with "dir/".
    return nodes.subMap(dir + "/", true, dir + "0", false).navigableKeySet();
  }

  /** The bytes of a kept file, or null when it was not kept. */
  byte[] content(String rel) {
    return kept.get(rel);
  }

  private Kind kind(String rel) {
    Node n = nodes.get(rel);
    return n == null ? null : n.kind();
  }

  /** Hashes the rest of {@code in}, copying it to {@code copy} unless null. */
  private static byte[] digest(InputStream in, byte[] buf, ByteArrayOutputStream copy) throws IOException {
    MessageDigest sha = Digest.newSha256();
    int n;
    while ((n = in.read(buf)) > 0) {
      sha.update(buf, 0, n);
      if (copy != null) {
        copy.write(buf, 0, n);
      }
    }
    return sha.digest();
  }

  private static boolean printableAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private static String stripRoot(String name) {
    int i = 0;
    while (i < name.length() && name.charAt(i) == '/') {
      i++;
    }
    return name.substring(i);
  }
}
