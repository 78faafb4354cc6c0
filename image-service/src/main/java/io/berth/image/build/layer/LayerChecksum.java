package io.berth.image.build.layer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The content checksum of a COPY/ADD for the build cache: every entry's path, kind, mode,
 * ownership, link target and bytes (not its times, as Docker's tarsum leaves them out).
 */
public final class LayerChecksum {
  private LayerChecksum() {}

  public static String of(List<LayerEntry> entries) throws IOException {
    MessageDigest all = sha256();
    byte[] buf = new byte[64 * 1024];
    for (LayerEntry e : entries) {
      all.update((e.path() + "\0" + e.kind() + "\0" + Integer.toOctalString(e.mode()) + "\0" + e.uid() + ":" + e.gid()
          + "\0" + (e.linkTarget() == null ? "" : e.linkTarget()) + "\0").getBytes(StandardCharsets.UTF_8));
      if (e.kind() == LayerEntry.Kind.FILE) {
        try (InputStream in = Files.newInputStream(e.source())) {
          int n;
          while ((n = in.read(buf)) > 0) {
            all.update(buf, 0, n);
          }
        }
        all.update((byte) 0);
      }
    }
    return HexFormat.of().formatHex(all.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
