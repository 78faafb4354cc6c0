package io.berth.image.build.rootfs;

import io.berth.oci.layer.LayerPaths;
import io.berth.oci.layer.LayerStreams;
import io.berth.oci.layer.Whiteouts;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The merged filesystem of an image's layers as a map of headers only: which layer entry each
 * path comes from. Built by reading every layer's headers bottom first with the same rules as
 * {@link MergedTreeWriter}; a file's content is then read from that one layer.
 */
final class MergedIndex {
  /** Linux's limit on symlinks followed while resolving one path. */
  private static final int MAX_SYMLINKS = 40;

  /** Where a path comes from: the layer, the entry's position in it, and what kind of entry. */
  record Source(int layer, int ordinal, Kind kind, String linkName) {}

  enum Kind { DIRECTORY, FILE, SYMLINK, HARDLINK, OTHER }

  private final TreeMap<String, Source> paths = new TreeMap<>();

  /** Adds layer number {@code layer} (layers must come bottom first). */
  void add(int layer, InputStream blob) throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(LayerStreams.uncompressed(blob));
    TarArchiveEntry entry;
    for (int ordinal = 0; (entry = tar.getNextEntry()) != null; ordinal++) {
      String path = LayerPaths.normalize(entry.getName());
      if (path.isEmpty()) {
        continue;
      }
      String parent = Whiteouts.parent(path);
      String base = Whiteouts.baseName(path);
      ensureDirectories(layer, parent);
      if (base.equals(Whiteouts.OPAQUE)) {
        removeBelow(parent, layer);
      } else if (base.startsWith(Whiteouts.META_PREFIX)) {
        continue;
      } else if (base.startsWith(Whiteouts.PREFIX)) {
        String hidden = (parent.isEmpty() ? "" : parent + "/") + base.substring(Whiteouts.PREFIX.length());
        Source s = paths.get(hidden);
        if (s != null && s.layer() < layer) {
          remove(hidden);
        }
      } else {
        Kind kind = kindOf(entry);
        Source old = paths.get(path);
        if (old != null && !(old.kind() == Kind.DIRECTORY && kind == Kind.DIRECTORY)) {
          remove(path);
        }
        paths.put(path, new Source(layer, ordinal, kind, entry.getLinkName()));
      }
    }
  }

  /**
   * The source of the regular file at {@code absolutePath}, following symlinks as the kernel
   * would inside the image: an absolute target starts again from the image root, {@code ..}
   * stops at the root, so no resolution leaves the image.
   */
  Optional<Source> file(String absolutePath) {
    Deque<String> todo = new ArrayDeque<>(components(absolutePath));
    List<String> resolved = new ArrayList<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String part = todo.removeFirst();
      if (part.equals("..")) {
        if (!resolved.isEmpty()) {
          resolved.remove(resolved.size() - 1);
        }
        continue;
      }
      String candidate = join(resolved, part);
      Source s = paths.get(candidate);
      if (s == null) {
        return Optional.empty();
      }
      if (s.kind() == Kind.SYMLINK) {
        if (++links > MAX_SYMLINKS || s.linkName() == null || s.linkName().isEmpty()) {
          return Optional.empty();
        }
        if (s.linkName().startsWith("/")) {
          resolved.clear();
        }
        List<String> target = components(s.linkName());
        for (int i = target.size() - 1; i >= 0; i--) {
          todo.addFirst(target.get(i));
        }
        continue;
      }
      if (s.kind() != Kind.DIRECTORY && !todo.isEmpty()) {
        return Optional.empty(); // a file used as a directory
      }
      resolved.add(part);
    }
    Source s = paths.get(String.join("/", resolved));
    return s != null && (s.kind() == Kind.FILE || s.kind() == Kind.HARDLINK) ? Optional.of(s) : Optional.empty();
  }

  private void ensureDirectories(int layer, String dir) {
    String sofar = "";
    for (String part : dir.isEmpty() ? new String[0] : dir.split("/")) {
      sofar = sofar.isEmpty() ? part : sofar + "/" + part;
      Source s = paths.get(sofar);
      if (s != null && s.kind() != Kind.DIRECTORY) {
        remove(sofar); // a lower file or symlink, hidden by this layer's directory
      }
      if (s == null || s.layer() < layer) {
        // This layer has the directory too: its opaque marker must not remove it.
        paths.put(sofar, new Source(layer, -1, Kind.DIRECTORY, null));
      }
    }
  }

  private void remove(String path) {
    paths.remove(path);
    paths.subMap(path + "/", path + "0").clear(); // '0' follows '/': exactly the descendants
  }

  private void removeBelow(String dir, int layer) {
    var below = dir.isEmpty() ? paths : paths.subMap(dir + "/", dir + "0");
    below.values().removeIf(s -> s.layer() < layer);
  }

  private static Kind kindOf(TarArchiveEntry e) {
    if (e.isDirectory()) {
      return Kind.DIRECTORY;
    }
    if (e.isSymbolicLink()) {
      return Kind.SYMLINK;
    }
    if (e.isLink()) {
      return Kind.HARDLINK;
    }
    if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
      return Kind.OTHER;
    }
    return e.isFile() ? Kind.FILE : Kind.OTHER;
  }

  private static String join(List<String> parts, String last) {
    return parts.isEmpty() ? last : String.join("/", parts) + "/" + last;
  }

  private static List<String> components(String path) {
    List<String> out = new ArrayList<>();
    for (String p : path.split("/")) {
      if (!p.isEmpty() && !p.equals(".")) {
        out.add(p);
      }
    }
    return out;
  }
}
