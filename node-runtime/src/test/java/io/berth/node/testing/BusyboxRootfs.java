package io.berth.node.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** The busybox rootfs tar built by scripts/busybox-rootfs.sh, made once per test JVM. */
public final class BusyboxRootfs {
  private static Path tar;

  private BusyboxRootfs() {}

  public static synchronized Path tar() throws IOException, InterruptedException {
    if (tar == null) {
      Path out = Path.of("target", "busybox-rootfs.tar").toAbsolutePath();
      Process p =
          new ProcessBuilder("../scripts/busybox-rootfs.sh", out.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw new IOException("busybox-rootfs.sh failed: " + output);
      }
      tar = out;
    }
    return tar;
  }

  public static String diffId(Path file) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  public static String diffId(byte[] tarBytes) throws Exception {
    return "sha256:"
        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tarBytes));
  }
}
