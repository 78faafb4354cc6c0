package io.berth.node.snapshot;

import io.berth.node.linux.LibC;
import io.berth.node.linux.Syscalls;
import io.berth.oci.Digest;
import io.berth.oci.layer.LayerPathException;
import io.berth.oci.layer.LayerPaths;
import io.berth.oci.layer.LayerStreams;
import io.berth.oci.layer.Whiteouts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jboss.logging.Logger;

/**
 * Extracts one layer tar (plain or gzip) into an empty directory, refusing unsafe entries as it
 * goes and turning OCI whiteouts into overlayfs ones (0:0 character devices, opaque xattr).
 */
public final class LayerUnpacker {
  private static final Logger LOG = Logger.getLogger(LayerUnpacker.class);
  static final String OPAQUE_XATTR = "trusted.overlay.opaque";

  /** The result: the uncompressed tar's digest ("sha256:…", the diffID) and entry count. */
  public record Unpacked(String diffId, int entries) {}

  /** Unpacks {@code layer} into {@code root}, which must exist and be empty. */
  public Unpacked unpack(InputStream layer, Path root) throws IOException {
    MessageDigest sha256 = Digest.newSha256();
    DigestInputStream digesting = new DigestInputStream(LayerStreams.uncompressed(layer), sha256);
    TarArchiveInputStream tar = new TarArchiveInputStream(digesting);
    RootedPaths paths = new RootedPaths(root);
    List<Deferred> dirs = new ArrayList<>();
    int entries = 0;
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      entries++;
      Path dir = extract(tar, entry, paths);
      if (dir != null) {
        dirs.add(new Deferred(dir, entry));
      }
    }
    digesting.transferTo(OutputStream.nullOutputStream()); // trailing blocks belong to the diffID
    // Directories last, deepest first: writing their children would reset their mtimes.
    for (int i = dirs.size() - 1; i >= 0; i--) {
      applyMetadata(dirs.get(i).path(), dirs.get(i).entry());
    }
    return new Unpacked("sha256:" + HexFormat.of().formatHex(sha256.digest()), entries);
  }

  private record Deferred(Path path, TarArchiveEntry entry) {}

  /** Writes one entry; returns the directory path when its metadata must wait until the end. */
  private Path extract(TarArchiveInputStream tar, TarArchiveEntry entry, RootedPaths paths)
      throws IOException {
    String name = entry.getName();
    String path = LayerPaths.normalize(name);
    if (path.isEmpty()) {
      return entry.isDirectory() ? paths.root() : null;
    }
    String base = Whiteouts.baseName(path);
    Path parent = paths.directory(name, Whiteouts.parent(path));
    if (base.equals(Whiteouts.OPAQUE)) {
      Syscalls.lsetxattr(parent, OPAQUE_XATTR, "y".getBytes(StandardCharsets.US_ASCII));
      return null;
    }
    if (base.startsWith(Whiteouts.META_PREFIX)) {
      return null;
    }
    if (base.startsWith(Whiteouts.PREFIX)) {
      String hidden = base.substring(Whiteouts.PREFIX.length());
      if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
        throw new LayerPathException(name, "malformed whiteout");
      }
      Path target = parent.resolve(hidden);
      String parentPath = Whiteouts.parent(path);
      replaceExisting(paths, parentPath.isEmpty() ? hidden : parentPath + "/" + hidden, target, false);
      Syscalls.mknod(target, LibC.S_IFCHR, 0, 0);
      return null;
    }
    Path dest = parent.resolve(base);
    replaceExisting(paths, path, dest, entry.isDirectory());
    if (entry.isDirectory()) {
      if (RootedPaths.lstat(dest) == null) {
        Files.createDirectory(dest);
      }
      return dest;
    }
    if (entry.isSymbolicLink()) {
      if (LayerPaths.symlinkEscapes(path, entry.getLinkName())) {
        throw new LayerPathException(
            name, "symlink target \"" + entry.getLinkName() + "\" escapes the root");
      }
      Files.createSymbolicLink(dest, Path.of(entry.getLinkName()));
    } else if (entry.isLink()) {
      String target = LayerPaths.hardlinkTarget(name, entry.getLinkName());
      Path existing =
          paths.directory(name, Whiteouts.parent(target)).resolve(Whiteouts.baseName(target));
      BasicFileAttributes attrs = RootedPaths.lstat(existing);
      if (attrs == null || attrs.isDirectory()) {
        throw new LayerPathException(name, "hard link target \"" + entry.getLinkName() + "\" missing");
      }
      Files.createLink(dest, existing); // link(2) does not follow a symlink target
      return null; // shares the target's inode and metadata
    } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
      int type =
          entry.isCharacterDevice() ? LibC.S_IFCHR : entry.isBlockDevice() ? LibC.S_IFBLK : LibC.S_IFIFO;
      Syscalls.mknod(dest, type | (entry.getMode() & 07777), entry.getDevMajor(), entry.getDevMinor());
    } else if (entry.isFile()) { // after the special types: commons-compress calls those files too
      Files.copy(tar, dest); // fails rather than follow anything already at dest
    } else {
      LOG.warnf("skipping layer entry %s of unsupported type %s", name, (char) entry.getLinkFlag());
      return null;
    }
    applyMetadata(dest, entry);
    return null;
  }

  /** Removes whatever is at {@code dest} unless it is a directory that stays a directory. */
  private static void replaceExisting(RootedPaths paths, String path, Path dest, boolean wantDir)
      throws IOException {
    BasicFileAttributes attrs = RootedPaths.lstat(dest);
    if (attrs == null || (attrs.isDirectory() && wantDir)) {
      return;
    }
    if (attrs.isDirectory()) {
      paths.forget(path);
      Trees.deleteRecursively(dest);
    } else {
      Files.delete(dest);
    }
  }

  private static void applyMetadata(Path path, TarArchiveEntry entry) throws IOException {
    Files.setAttribute(path, "unix:uid", (int) entry.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(path, "unix:gid", (int) entry.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
    if (!entry.isSymbolicLink()) {
      Syscalls.chmod(path, entry.getMode()); // after chown, which clears setuid bits
    }
    Syscalls.lsetMtime(path, entry.getLastModifiedDate().toInstant());
  }
}
