package io.berth.node.rootfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a file tree as a tar stream, never following a symlink: links are archived as links,
 * hard links as hard links (once per inode), devices and fifos as such; sockets are skipped, as
 * Docker does. Entry names are {@code prefix} + the path below the tree's top.
 */
public final class TreeArchiver {
  private TreeArchiver() {}

  /** Archives {@code top} (a file, link or directory) under the name {@code name} ("." for contents). */
  public static void write(Path top, String name, OutputStream out) throws IOException {
    write(top, name, true, out);
  }

  /**
   * As {@link #write(Path, String, OutputStream)}; without {@code withTop} the top directory's own
   * entry is left out, as in docker export (entries are {@code bin/}, {@code etc/passwd}, no {@code ./}).
   */
  public static void write(Path top, String name, boolean withTop, OutputStream out) throws IOException {
    TarArchiveOutputStream tar = tarStream(out);
    Map<Object, String> inodes = new HashMap<>();
    Files.walkFileTree(top, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (withTop || !dir.equals(top)) {
          add(tar, dir, nameOf(top, dir, name) + "/", inodes);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        add(tar, file, nameOf(top, file, name), inodes);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof java.nio.file.NoSuchFileException) {
          return FileVisitResult.CONTINUE; // removed while we walked (a running container)
        }
        throw e;
      }
    });
    tar.finish();
    tar.flush();
  }

  /** A tar writer as every archive of ours needs it: long names, big numbers, non-ASCII names. */
  static TarArchiveOutputStream tarStream(OutputStream out) {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
    return tar;
  }

  private static String nameOf(Path top, Path p, String name) {
    String rel = top.relativize(p).toString();
    if (name.equals(".")) {
      return rel.isEmpty() ? "." : rel;
    }
    return rel.isEmpty() ? name : name + "/" + rel;
  }

  static void add(TarArchiveOutputStream tar, Path p, String name, Map<Object, String> inodes)
      throws IOException {
    Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) a.get("mode");
    int type = mode & 0170000;
    if (type == 0140000) {
      return; // sockets cannot be archived
    }
    TarArchiveEntry e;
    boolean content = false;
    switch (type) {
      case 0040000 -> e = new TarArchiveEntry(name, TarConstants.LF_DIR);
      case 0120000 -> {
        e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(Files.readSymbolicLink(p).toString());
      }
      case 0020000, 0060000 -> {
        e = new TarArchiveEntry(name, type == 0020000 ? TarConstants.LF_CHR : TarConstants.LF_BLK);
        long rdev = (Long) a.get("rdev");
        e.setDevMajor((int) ((rdev >> 8) & 0xfff));
        e.setDevMinor((int) ((rdev & 0xff) | ((rdev >> 12) & 0xfff00)));
      }
      case 0010000 -> e = new TarArchiveEntry(name, TarConstants.LF_FIFO);
      default -> {
        Object inode = a.get("fileKey");
        String first = (Integer) a.get("nlink") > 1 ? inodes.putIfAbsent(inode, name) : null;
        if (first != null) {
          e = new TarArchiveEntry(name, TarConstants.LF_LINK);
          e.setLinkName(first);
        } else {
          e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
          e.setSize((Long) a.get("size"));
          content = true;
        }
      }
    }
    e.setMode(mode & 07777);
    e.setUserId(((Integer) a.get("uid")).longValue());
    e.setGroupId(((Integer) a.get("gid")).longValue());
    e.setModTime(((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).toMillis());
    tar.putArchiveEntry(e);
    if (content) {
      copyExactly(p, e.getSize(), tar);
    }
    tar.closeArchiveEntry();
  }

  // A running container may grow or shrink the file meanwhile: the entry keeps its stated size.
  private static void copyExactly(Path file, long size, OutputStream out) throws IOException {
    byte[] buf = new byte[64 * 1024];
    long left = size;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      while (left > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          break;
        }
        out.write(buf, 0, n);
        left -= n;
      }
    }
    while (left > 0) {
      int n = (int) Math.min(buf.length, left);
      java.util.Arrays.fill(buf, 0, n, (byte) 0);
      out.write(buf, 0, n);
      left -= n;
    }
  }
}
