package io.berth.image.build.rootfs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds crafted layer tars (every entry type, whiteouts) in memory for the rootfs tests. */
final class LayerTar {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar;

  LayerTar() {
    tar = new TarArchiveOutputStream(bytes);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
  }

  LayerTar dir(String name) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true);
    e.setMode(040755);
    return put(e, null);
  }

  LayerTar file(String name, String content) throws IOException {
    return file(name, content, 0100644);
  }

  LayerTar file(String name, String content, int mode) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    e.setSize(data.length);
    e.setMode(mode);
    return put(e, data);
  }

  LayerTar symlink(String name, String target) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK, true);
    e.setLinkName(target);
    return put(e, null);
  }

  LayerTar hardlink(String name, String target) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_LINK, true);
    e.setLinkName(target);
    return put(e, null);
  }

  LayerTar charDevice(String name, int major, int minor) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_CHR, true);
    e.setDevMajor(major);
    e.setDevMinor(minor);
    e.setMode(020666);
    return put(e, null);
  }

  LayerTar whiteout(String dir, String name) throws IOException {
    return file((dir.isEmpty() ? "" : dir + "/") + ".wh." + name, "");
  }

  LayerTar opaque(String dir) throws IOException {
    return file(dir + "/.wh..wh..opq", "");
  }

  private LayerTar put(TarArchiveEntry e, byte[] data) throws IOException {
    tar.putArchiveEntry(e);
    if (data != null) {
      tar.write(data);
    }
    tar.closeArchiveEntry();
    return this;
  }

  byte[] bytes() throws IOException {
    tar.finish();
    return bytes.toByteArray();
  }

  byte[] gzip() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes());
    }
    return out.toByteArray();
  }
}
