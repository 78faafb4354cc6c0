package io.berth.image.build.layer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a step's entries as an uncompressed layer tar. A later entry for the same path replaces
 * an earlier one (the last source wins, as when Docker copies them in order); parents come before
 * children because entries are written in path order of first appearance.
 */
public final class LayerTarWriter {
  private LayerTarWriter() {}

  public static void write(List<LayerEntry> entries, OutputStream out) throws IOException {
    Map<String, LayerEntry> byPath = new LinkedHashMap<>();
    for (LayerEntry e : entries) {
      byPath.put(e.path(), e);
    }
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      tar.setAddPaxHeadersForNonAsciiNames(true);
      for (LayerEntry e : byPath.values()) {
        TarArchiveEntry t = switch (e.kind()) {
          case DIRECTORY -> new TarArchiveEntry(e.path() + "/", TarConstants.LF_DIR, true);
          case SYMLINK -> {
            TarArchiveEntry s = new TarArchiveEntry(e.path(), TarConstants.LF_SYMLINK, true);
            s.setLinkName(e.linkTarget());
            yield s;
          }
          case FILE -> {
            TarArchiveEntry f = new TarArchiveEntry(e.path(), TarConstants.LF_NORMAL, true);
            f.setSize(Files.size(e.source()));
            yield f;
          }
        };
        t.setMode(e.mode() | (e.kind() == LayerEntry.Kind.DIRECTORY ? 040000
            : e.kind() == LayerEntry.Kind.SYMLINK ? 0120000 : 0100000));
        t.setUserId(e.uid());
        t.setGroupId(e.gid());
        t.setUserName("");
        t.setGroupName("");
        t.setModTime(Date.from(e.modified()));
        tar.putArchiveEntry(t);
        if (e.kind() == LayerEntry.Kind.FILE) {
          Files.copy(e.source(), tar);
        }
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
  }
}
