package io.berth.image.build.layer;

import io.berth.image.build.context.ContentDigests;
import io.berth.image.build.context.ContextExtractor;
import io.berth.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * The content checksum of a COPY/ADD for the build cache: every entry's path, kind, mode,
 * ownership, link target and the sha256 of its bytes (not its times, as Docker's tarsum leaves
 * them out). Files whose digest is known (hashed while the context streamed in) are not read.
 */
public final class LayerChecksum {
  private LayerChecksum() {}

  public static String of(List<LayerEntry> entries) throws IOException {
    return of(entries, ContentDigests.NONE);
  }

  public static String of(List<LayerEntry> entries, ContentDigests known) throws IOException {
    MessageDigest all = Digest.newSha256();
    byte[] buf = new byte[64 * 1024];
    for (LayerEntry e : entries) {
      all.update((e.path() + "\0" + e.kind() + "\0" + Integer.toOctalString(e.mode()) + "\0" + e.uid() + ":" + e.gid()
          + "\0" + (e.linkTarget() == null ? "" : e.linkTarget()) + "\0").getBytes(StandardCharsets.UTF_8));
      if (e.kind() == LayerEntry.Kind.FILE) {
        byte[] digest = known.get(e.source());
        if (digest == null) {
          MessageDigest file = Digest.newSha256();
          try (InputStream in = Files.newInputStream(e.source())) {
            int n;
            while ((n = in.read(buf)) > 0) {
              file.update(buf, 0, n);
            }
          }
          digest = file.digest();
        }
        all.update(digest);
      }
    }
    return HexFormat.of().formatHex(all.digest());
  }
}
