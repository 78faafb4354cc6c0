package io.berth.gateway.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** The engine ID /info reports: generated once per BERTH_HOME and kept in a file there. */
public final class EngineId {

  static final String FILE = "engine-id";
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private EngineId() {}

  /** Reads ${berth.home}/engine-id, creating it on first use. */
  public static String loadOrCreate(Path berthHome) {
    Path file = berthHome.resolve(FILE);
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
      Files.createDirectories(berthHome);
      Path tmp = Files.createTempFile(berthHome, FILE, ".tmp");
      Files.writeString(tmp, generate() + "\n", StandardCharsets.UTF_8);
      try {
        // A hard link never replaces: if another process won the race, its ID stands.
        Files.createLink(file, tmp);
      } catch (FileAlreadyExistsException e) {
        // keep the winner's
      } finally {
        Files.deleteIfExists(tmp);
      }
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the engine ID in " + file, e);
    }
  }

  /** dockerd's shape: 12 groups of 4 base32 characters ("KIAR:EU27:..."), 240 random bits. */
  static String generate() {
    byte[] bits = new byte[30];
    new SecureRandom().nextBytes(bits);
    StringBuilder out = new StringBuilder(59);
    int buffer = 0;
    int count = 0;
    int emitted = 0;
    for (byte b : bits) {
      buffer = (buffer << 8) | (b & 0xff);
      count += 8;
      while (count >= 5) {
        if (emitted > 0 && emitted % 4 == 0) {
          out.append(':');
        }
        out.append(BASE32[(buffer >> (count - 5)) & 31]);
        count -= 5;
        emitted++;
      }
    }
    return out.toString();
  }
}
