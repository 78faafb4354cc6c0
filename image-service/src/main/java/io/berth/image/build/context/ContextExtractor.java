package io.berth.image.build.context;

import io.berth.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a build context tar (plain or compressed) into an empty directory, safely: an entry
 * whose name climbs out of the context ({@code ../x}) is refused, names are taken relative to the
 * context even when absolute, nothing is ever written through a symlink (so a symlink entry cannot
 * be used to reach outside), symlinks are kept as symlinks with their target unchanged, hard links
 * must point at a file already in the context, devices and fifos are skipped.
 */
public final class ContextExtractor {
  private ContextExtractor() {}

  /** Extracts; returns the digests of the regular files written. */
  public static ContentDigests extract(InputStream body, Path dir) throws IOException {
    ContentDigests digests = ContentDigests.empty();
    List<TarArchiveEntry> dirs = new ArrayList<>();
    // Directories this extraction made (relative paths) and every path it wrote: a path whose
    // parent is a directory made here needs no symlink check nor mkdir, a path not written yet
    // nothing to replace (the directory starts empty). Saves most syscalls on a context of many
    // small files. A made directory is never replaced (replace() refuses directories).
    Set<String> made = new HashSet<>();
    Set<String> written = new HashSet<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(Decompression.open(body))) {
      TarArchiveEntry e;
      while ((e = nextEntry(tar)) != null) {
        String name = e.getName();
        if (ContextPaths.escapes(stripRoot(name))) {
          throw new InvalidContextException("invalid build context: " + name + " is outside of the context");
        }
        String rel = ContextPaths.clean(name);
        if (rel.isEmpty()) {
          continue;
        }
        Path target = dir.resolve(rel);
        int slash = rel.lastIndexOf('/');
        String parent = slash < 0 ? "" : rel.substring(0, slash);
        if (!parent.isEmpty() && !made.contains(parent)) {
          if (ContextPaths.throughSymlink(dir, target)) {
            throw new InvalidContextException("invalid build context: " + name + " would be written through a symlink");
          }
          Files.createDirectories(target.getParent());
          // Now real directories, every one of them.
          for (String p = parent; !p.isEmpty(); p = p.lastIndexOf('/') < 0 ? "" : p.substring(0, p.lastIndexOf('/'))) {
            made.add(p);
            written.add(p);
          }
        }
        boolean fresh = written.add(rel);
        if (!fresh) {
          digests.remove(target);
        }
        if (e.isDirectory()) {
          if (made.contains(rel)) {
            // already a directory made here
          } else if (fresh) {
            Files.createDirectory(target);
          } else if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(target);
            Files.createDirectory(target);
          }
          made.add(rel);
          dirs.add(e);
        } else if (e.isSymbolicLink()) {
          replace(target, fresh);
          made.remove(rel);
          Files.createSymbolicLink(target, Path.of(e.getLinkName()));
        } else if (e.isLink()) {
          Path source = hardLink(dir, e, target, fresh);
          byte[] d = digests.get(source);
          if (d != null) {
            digests.put(target, d);
          }
        } else if (e.isFile()) {
          replace(target, fresh);
          MessageDigest sha = Digest.newSha256();
          Files.copy(new DigestInputStream(tar, sha), target);
          digests.put(target, sha.digest());
          attributes(target, e);
        }
        // devices, fifos: a build context has no use for them
      }
    } catch (IllegalArgumentException | IOException e) {
      if (e instanceof InvalidContextException i) {
        throw i;
      }
      throw new InvalidContextException("invalid build context: " + e.getMessage());
    }
    // Directories last, so writing their children does not reset their times.
    for (int i = dirs.size() - 1; i >= 0; i--) {
      attributes(dir.resolve(ContextPaths.clean(dirs.get(i).getName())), dirs.get(i));
    }
    return digests;
  }

  private static TarArchiveEntry nextEntry(TarArchiveInputStream tar) throws IOException {
    try {
      return tar.getNextEntry();
    } catch (IOException e) {
      throw new InvalidContextException("invalid build context: not a tar archive (" + e.getMessage() + ")");
    }
  }

  /** Copies the file {@code e} links to; returns that file. */
  private static Path hardLink(Path dir, TarArchiveEntry e, Path target, boolean fresh) throws IOException {
    String link = e.getLinkName();
    if (ContextPaths.escapes(stripRoot(link))) {
      throw new InvalidContextException("invalid build context: hard link " + e.getName() + " points outside of the context");
    }
    Path source = dir.resolve(ContextPaths.clean(link));
    if (ContextPaths.throughSymlink(dir, source) || !Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidContextException("invalid build context: hard link " + e.getName() + " to a missing file " + link);
    }
    replace(target, fresh);
    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
    return source;
  }

  /** Makes room for an entry at {@code target}; nothing to do at a path not written before. */
  private static void replace(Path target, boolean fresh) throws IOException {
    if (fresh) {
      return;
    }
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.getFileName() + " is a directory");
    }
    Files.deleteIfExists(target);
  }

  private static void attributes(Path p, TarArchiveEntry e) throws IOException {
    // All twelve bits, as dockerd extracts a context: a COPY keeps setuid, setgid and sticky bits.
    Files.setAttribute(p, "unix:mode", e.getMode() & 07777, LinkOption.NOFOLLOW_LINKS);
    if (e.getLastModifiedTime() != null) {
      Files.setLastModifiedTime(p, FileTime.from(e.getLastModifiedTime().toInstant()));
    }
  }

  private static String stripRoot(String name) {
    String n = name;
    while (n.startsWith("/")) {
      n = n.substring(1);
    }
    return n;
  }
}
