package io.berth.container.container;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Container ids: 64 random hex digits, shown truncated to 12 as Docker does. */
public final class ContainerIds {
  public static final Pattern FULL = Pattern.compile("^[0-9a-f]{64}$");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ContainerIds() {}

  public static String newId() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String id = HexFormat.of().formatHex(bytes);
    // Docker avoids all-digit ids: a 12-char prefix of digits reads like a number in scripts.
    return id.substring(0, 12).chars().allMatch(Character::isDigit) ? newId() : id;
  }

  /** The 12-character short id (also the default hostname). */
  public static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
