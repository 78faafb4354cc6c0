package io.berth.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A validated content digest such as {@code sha256:<64 lowercase hex>}; only sha256 for now.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests">OCI
 *     descriptor digests</a>
 */
public final class Digest {
  public static final String SHA256 = "sha256";
  private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");

  private final String algorithm;
  private final String hex;

  private Digest(String algorithm, String hex) {
    this.algorithm = algorithm;
    this.hex = hex;
  }

  /** Parses {@code algorithm:hex}; rejects unknown algorithms and malformed or uppercase hex. */
  @JsonCreator
  public static Digest parse(String value) {
    if (value == null) {
      throw new IllegalArgumentException("digest is missing");
    }
    int colon = value.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("invalid digest (expected algorithm:hex): " + value);
    }
    String algorithm = value.substring(0, colon);
    String hex = value.substring(colon + 1);
    if (!SHA256.equals(algorithm)) {
      throw new IllegalArgumentException("unsupported digest algorithm: " + algorithm);
    }
    return ofSha256Hex(hex);
  }

  /** True when {@code value} parses as a digest. */
  public static boolean isValid(String value) {
    try {
      parse(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A sha256 digest from its 64 lowercase hex characters. */
  public static Digest ofSha256Hex(String hex) {
    if (hex == null || !SHA256_HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("invalid sha256 hex: " + hex);
    }
    return new Digest(SHA256, hex);
  }

  /** The sha256 digest of {@code bytes}. */
  public static Digest sha256(byte[] bytes) {
    return fromSha256(newSha256().digest(bytes));
  }

  /** Wraps a finished sha256 hash (e.g. from a streaming {@link MessageDigest}). */
  public static Digest fromSha256(byte[] hash) {
    return new Digest(SHA256, HexFormat.of().formatHex(hash));
  }

  /** A fresh sha256 hasher, for hashing while streaming: libcrypto's when present, else the JDK's. */
  public static MessageDigest newSha256() {
    if (NativeSha256.available()) {
      return new NativeSha256();
    }
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  public String algorithm() {
    return algorithm;
  }

  public String hex() {
    return hex;
  }

  /** The first 12 hex characters, as Docker shows image ids. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  @JsonValue
  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Digest d && d.algorithm.equals(algorithm) && d.hex.equals(hex);
  }

  @Override
  public int hashCode() {
    return Objects.hash(algorithm, hex);
  }
}
