package io.berth.node.rootfs;

import io.berth.node.linux.LibC;
import io.berth.node.linux.Syscalls;
import io.berth.oci.layer.LayerPathException;
import io.berth.oci.layer.LayerPaths;
import io.berth.node.snapshot.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts a tar into a directory of a container's root ({@code docker cp} into a container).
 * Entry names must be relative and never climb with "..", and link targets may not leave the
 * container's root; parent directories are resolved in the container's scope (a symlink such as
 * /bin → usr/bin is followed as the container would follow it), the entry itself is never written
 * through a symlink. Files are owned by root unless the archive's owners are wanted (Docker's
 * {@code copyUIDGID}).
 */
public final class ArchiveExtractor {

  /** The archive would overwrite a directory with a file or the reverse, and that was forbidden. */
  public static final class OverwriteException extends IOException {
    OverwriteException(String message) {
      super(message);
    }
  }

  private final Path root;
  private final String destDir;
  private final boolean noOverwriteDirNonDir;
  private final boolean copyOwners;

  /** {@code destDir}: the container path (already resolved, a directory) to extract into. */
  public ArchiveExtractor(Path root, String destDir, boolean noOverwriteDirNonDir, boolean copyOwners) {
    this.root = root;
    this.destDir = destDir.endsWith("/") ? destDir : destDir + "/";
    this.noOverwriteDirNonDir = noOverwriteDirNonDir;
    this.copyOwners = copyOwners;
  }

  /** Extracts every entry; returns how many were written. Nothing is written outside the root. */
  public int extract(InputStream archive) throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(archive);
    List<Object[]> dirs = new ArrayList<>();
    int count = 0;
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      String rel = LayerPaths.normalize(entry.getName());
      if (rel.isEmpty()) {
        continue; // "./" itself: the destination exists already
      }
      int slash = rel.lastIndexOf('/');
      String parentRel = slash < 0 ? "" : rel.substring(0, slash);
      String base = rel.substring(slash + 1);
      Path parent = ScopedPath.mkdirs(root, destDir + parentRel);
      Path dest = parent.resolve(base);
      String containerPath = "/" + root.relativize(dest);
      replace(dest, entry.isDirectory(), containerPath, entry.getName());
      if (entry.isDirectory()) {
        if (ScopedPath.lstat(dest) == null) {
          Files.createDirectory(dest);
        }
        dirs.add(new Object[] {dest, entry});
      } else if (entry.isSymbolicLink()) {
        if (LayerPaths.symlinkEscapes(containerPath.substring(1), entry.getLinkName())) {
          throw new LayerPathException(entry.getName(), "symlink target \"" + entry.getLinkName() + "\" escapes the container's root");
        }
        Files.createSymbolicLink(dest, Path.of(entry.getLinkName()));
        owner(dest, entry);
        Syscalls.lsetMtime(dest, entry.getLastModifiedDate().toInstant());
      } else if (entry.isLink()) {
        String target = LayerPaths.hardlinkTarget(entry.getName(), entry.getLinkName());
        Path existing = ScopedPath.resolveParent(root, destDir + target);
        BasicFileAttributes attrs = ScopedPath.lstat(existing);
        if (attrs == null || attrs.isDirectory()) {
          throw new LayerPathException(entry.getName(), "hard link target \"" + entry.getLinkName() + "\" missing");
        }
        Files.createLink(dest, existing);
      } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
        int type = entry.isCharacterDevice() ? LibC.S_IFCHR : entry.isBlockDevice() ? LibC.S_IFBLK : LibC.S_IFIFO;
        Syscalls.mknod(dest, type | (entry.getMode() & 07777), entry.getDevMajor(), entry.getDevMinor());
        metadata(dest, entry);
      } else if (entry.isFile()) {
        Files.copy(tar, dest); // O_EXCL: never through something already at dest
        metadata(dest, entry);
      } else {
        continue; // pax/GNU headers are consumed by commons-compress; other types are skipped
      }
      count++;
    }
    // Directories last, deepest first: filling them reset their mtimes.
    for (int i = dirs.size() - 1; i >= 0; i--) {
      metadata((Path) dirs.get(i)[0], (TarArchiveEntry) dirs.get(i)[1]);
      count++;
    }
    return count;
  }

  private void replace(Path dest, boolean wantDir, String containerPath, String entryName) throws IOException {
    BasicFileAttributes attrs = ScopedPath.lstat(dest);
    if (attrs == null || (attrs.isDirectory() && wantDir)) {
      return;
    }
    if (noOverwriteDirNonDir && attrs.isDirectory() != wantDir) {
      throw new OverwriteException(attrs.isDirectory()
          ? "cannot overwrite directory \"" + containerPath + "\" with non-directory \"" + entryName + "\""
          : "cannot overwrite non-directory \"" + containerPath + "\" with directory \"" + entryName + "\"");
    }
    if (attrs.isDirectory()) {
      Trees.deleteRecursively(dest);
    } else {
      Files.delete(dest);
    }
  }

  private void metadata(Path p, TarArchiveEntry entry) throws IOException {
    owner(p, entry);
    Syscalls.chmod(p, entry.getMode() & 07777); // after chown, which clears setuid bits
    Syscalls.lsetMtime(p, entry.getLastModifiedDate().toInstant());
  }

  private void owner(Path p, TarArchiveEntry entry) throws IOException {
    int uid = copyOwners ? (int) entry.getLongUserId() : 0;
    int gid = copyOwners ? (int) entry.getLongGroupId() : 0;
    Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
  }
}
