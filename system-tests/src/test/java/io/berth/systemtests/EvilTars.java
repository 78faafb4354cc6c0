package io.berth.systemtests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Rootfs tars that try to write outside the layer, for the import's safety checks. */
final class EvilTars {
  private EvilTars() {}

  /** A tar with one regular file named {@code name} (e.g. {@code ../escape} or {@code /etc/evil}). */
  static Path withEntry(Path dir, String name) throws IOException {
    Path tar = Files.createTempFile(dir, "evil", ".tar");
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      file(out, "ok.txt", "fine");
      file(out, name, "evil");
    }
    return tar;
  }

  /** A symlink pointing at the host's root, then a file written through it. */
  static Path symlinkEscape(Path dir) throws IOException {
    Path tar = Files.createTempFile(dir, "evil-link", ".tar");
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
      TarArchiveEntry link = new TarArchiveEntry("link", TarArchiveEntry.LF_SYMLINK);
      link.setLinkName("/");
      out.putArchiveEntry(link);
      out.closeArchiveEntry();
      file(out, "link/etc/evil", "evil");
    }
    return tar;
  }

  private static void file(TarArchiveOutputStream out, String name, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name, true);
    entry.setSize(bytes.length);
    entry.setMode(0644);
    out.putArchiveEntry(entry);
    OutputStream o = out;
    o.write(bytes);
    out.closeArchiveEntry();
  }
}
