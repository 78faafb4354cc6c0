package io.berth.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds small tar archives in memory for import tests. */
public final class TestTars {
  private TestTars() {}

  /** Entries as (name, content) pairs; a content starting with "->" makes a symlink to the rest. */
  public static byte[] tar(String... nameContent) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (int i = 0; i < nameContent.length; i += 2) {
        String name = nameContent[i];
        String content = nameContent[i + 1];
        if (content.startsWith("->")) {
          TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK, true);
          e.setLinkName(content.substring(2));
          out.putArchiveEntry(e);
        } else if (name.endsWith("/")) {
          out.putArchiveEntry(new TarArchiveEntry(name, true));
        } else {
          byte[] data = content.getBytes(StandardCharsets.UTF_8);
          TarArchiveEntry e = new TarArchiveEntry(name, true); // keep "/abs" as written
          e.setSize(data.length);
          out.putArchiveEntry(e);
          out.write(data);
        }
        out.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }
}
