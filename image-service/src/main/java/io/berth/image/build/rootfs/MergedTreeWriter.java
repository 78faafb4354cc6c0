package io.berth.image.build.rootfs;

import io.berth.oci.layer.LayerPathException;
import io.berth.oci.layer.LayerPaths;
import io.berth.oci.layer.LayerStreams;
import io.berth.oci.layer.Whiteouts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jboss.logging.Logger;

/**
 * Extracts an image's layers, bottom first, into one directory, giving the merged filesystem a
 * container would see: whiteouts delete what lower layers made, an opaque marker empties its
 * directory of lower-layer entries, a later entry replaces an earlier one.
 *
 * <p>Nothing is ever written through a symlink: each parent is checked one component at a time,
 * and a non-directory from a lower layer standing where a directory is needed is replaced by one,
 * as overlayfs shows an upper directory over a lower file. Device nodes and FIFOs are skipped
 * (a build only reads files from the result).
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md">image-spec layer.md</a>
 */
final class MergedTreeWriter {
  private static final Logger LOG = Logger.getLogger(MergedTreeWriter.class);

  private final Path root;
  // Directory metadata is applied at the end (writing their children would reset their mtimes),
  // children before parents: in this order "a/b" sorts after "a".
  private final TreeMap<String, TarArchiveEntry> directories = new TreeMap<>();
  // Paths this layer has written (and their parents): whiteouts and opaque markers spare them.
  private final Set<String> writtenByLayer = new HashSet<>();

  MergedTreeWriter(Path root) {
    this.root = root;
  }

  /** Applies one layer (plain or gzip tar) over what is already extracted. */
  void apply(InputStream layer) throws IOException {
    writtenByLayer.clear();
    TarArchiveInputStream tar = new TarArchiveInputStream(LayerStreams.uncompressed(layer));
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      extract(tar, entry);
    }
  }

  /** Sets the directories' recorded metadata, children first; call once at the end. */
  void finish() throws IOException {
    for (var dir : directories.descendingMap().entrySet()) {
      applyMetadata(root.resolve(dir.getKey()), dir.getValue());
    }
  }

  private void extract(TarArchiveInputStream tar, TarArchiveEntry entry) throws IOException {
    String name = entry.getName();
    String path = LayerPaths.normalize(name);
    if (path.isEmpty()) {
      return; // the root's own entry: the caller's directory keeps its metadata
    }
    String parentPath = Whiteouts.parent(path);
    String base = Whiteouts.baseName(path);
    Path parent = directory(name, parentPath);
    if (base.equals(Whiteouts.OPAQUE)) {
      clearLowerEntries(parent, parentPath);
      return;
    }
    if (base.startsWith(Whiteouts.META_PREFIX)) {
      return;
    }
    if (base.startsWith(Whiteouts.PREFIX)) {
      String hidden = child(parentPath, base.substring(Whiteouts.PREFIX.length()));
      if (!writtenByLayer.contains(hidden)) {
        remove(hidden);
      }
      return;
    }
    if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
      LOG.debugf("skipping special file %s", name);
      return;
    }
    Path dest = parent.resolve(base);
    BasicFileAttributes existing = lstat(dest);
    if (existing != null && !(existing.isDirectory() && entry.isDirectory())) {
      remove(path);
    }
    written(path);
    if (entry.isDirectory()) {
      if (existing == null || !existing.isDirectory()) {
        Files.createDirectory(dest);
      }
      directories.put(path, entry);
    } else if (entry.isSymbolicLink()) {
      if (LayerPaths.symlinkEscapes(path, entry.getLinkName())) {
        throw new LayerPathException(name, "symlink target \"" + entry.getLinkName() + "\" escapes the root");
      }
      Files.createSymbolicLink(dest, Path.of(entry.getLinkName()));
      applyMetadata(dest, entry);
    } else if (entry.isLink()) {
      Files.createLink(dest, hardlinkTarget(name, entry.getLinkName())); // shares its metadata
    } else if (entry.isFile()) {
      Files.copy(tar, dest); // creates: never follows or overwrites anything at dest
      applyMetadata(dest, entry);
    } else {
      LOG.debugf("skipping layer entry %s of type %s", name, (char) entry.getLinkFlag());
    }
  }

  /** The directory {@code dir} ("" = root), made of real directories only, created as needed. */
  private Path directory(String entryName, String dir) throws IOException {
    Path current = root;
    String sofar = "";
    for (String part : dir.isEmpty() ? new String[0] : dir.split("/")) {
      sofar = child(sofar, part);
      current = current.resolve(part);
      BasicFileAttributes attrs = lstat(current);
      if (attrs != null && attrs.isDirectory()) {
        continue;
      }
      if (attrs != null) {
        if (writtenByLayer.contains(sofar)) {
          throw new LayerPathException(entryName, "path goes through \"" + sofar + "\", which is not a directory");
        }
        remove(sofar); // a lower layer's file or symlink, hidden by this layer's directory
      }
      Files.createDirectory(current);
    }
    return current;
  }

  private void clearLowerEntries(Path dir, String dirPath) throws IOException {
    List<String> lower = new ArrayList<>();
    try (var children = Files.list(dir)) {
      children.map(c -> child(dirPath, c.getFileName().toString())).filter(c -> !writtenByLayer.contains(c)).forEach(lower::add);
    }
    for (String c : lower) {
      remove(c);
    }
  }

  /** Removes {@code path} (normalized) with everything below it, and forgets its directories. */
  private void remove(String path) throws IOException {
    deleteTree(root.resolve(path));
    directories.remove(path);
    directories.subMap(path + "/", path + "0").clear(); // '0' follows '/': exactly the descendants
  }

  /** The existing non-directory a hard link names, reached without following symlinks. */
  private Path hardlinkTarget(String entryName, String linkName) throws IOException {
    String target = LayerPaths.hardlinkTarget(entryName, linkName);
    Path current = root;
    for (String part : target.split("/")) {
      BasicFileAttributes attrs = lstat(current);
      if (attrs == null || !attrs.isDirectory()) {
        throw new LayerPathException(entryName, "hard link target \"" + linkName + "\" is missing");
      }
      current = current.resolve(part);
    }
    BasicFileAttributes attrs = lstat(current);
    if (attrs == null || attrs.isDirectory()) {
      throw new LayerPathException(entryName, "hard link target \"" + linkName + "\" is missing");
    }
    return current;
  }

  /** Records {@code path} and its parents as this layer's; stops at a parent already recorded. */
  private void written(String path) {
    String p = path;
    while (!p.isEmpty() && writtenByLayer.add(p)) {
      p = Whiteouts.parent(p);
    }
  }

  private static String child(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  private static void applyMetadata(Path path, TarArchiveEntry entry) throws IOException {
    Files.setAttribute(path, "unix:uid", (int) entry.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(path, "unix:gid", (int) entry.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
    FileTime mtime = FileTime.from(entry.getLastModifiedDate().toInstant());
    if (entry.isSymbolicLink()) {
      try {
        Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(mtime, null, null);
      } catch (IOException | UnsupportedOperationException e) {
        LOG.debugf("cannot set the time of symlink %s: %s", path, e.getMessage());
      }
      return;
    }
    Files.setAttribute(path, "unix:mode", entry.getMode() & 07777); // after chown, which clears setuid bits
    Files.setLastModifiedTime(path, mtime);
  }

  static BasicFileAttributes lstat(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }

  /** Deletes {@code path} and, for a directory, everything in it; symlinks are removed, not followed. */
  static void deleteTree(Path path) throws IOException {
    BasicFileAttributes attrs = lstat(path);
    if (attrs == null) {
      return;
    }
    if (attrs.isDirectory()) {
      List<Path> children;
      try (var list = Files.list(path)) {
        children = list.toList();
      }
      for (Path c : children) {
        deleteTree(c);
      }
    }
    Files.delete(path);
  }
}
