package io.berth.node.api;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Docker's detach keys ({@code --detach-keys}, default ctrl-p,ctrl-q): a key sequence in an
 * attached client's input that ends the attach and leaves the container running. Keys are a
 * single character or {@code ctrl-<a-z @ [ \ ] ^ _>}, separated by commas.
 */
final class DetachKeys {
  static final String DEFAULT = "ctrl-p,ctrl-q";

  private final byte[] keys;

  private DetachKeys(byte[] keys) {
    this.keys = keys;
  }

  /** {@code spec} as Docker reads it; null or empty means the default. */
  static DetachKeys parse(String spec) {
    String s = spec == null || spec.isEmpty() ? DEFAULT : spec;
    String[] parts = s.split(",");
    byte[] keys = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      keys[i] = key(parts[i], s);
    }
    return new DetachKeys(keys);
  }

  private static byte key(String part, String spec) {
    if (part.length() == 1) {
      return (byte) part.charAt(0);
    }
    String k = part.toLowerCase(Locale.ROOT);
    if (k.startsWith("ctrl-") && k.length() == 6) {
      char c = k.charAt(5);
      if (c >= 'a' && c <= 'z') {
        return (byte) (c - 'a' + 1);
      }
      int at = "@[\\]^_".indexOf(c);
      if (at >= 0) {
        return (byte) (at == 0 ? 0 : 26 + at);
      }
    }
    throw new IllegalArgumentException("Invalid detach keys (" + spec + ") provided");
  }

  /** A scanner of one client's input. */
  Scanner scanner() {
    return new Scanner();
  }

  /** What to pass on of a chunk of input, and whether the detach sequence was completed. */
  record Scan(byte[] forward, boolean detached) {}

  /** Holds back a partial detach sequence until it completes (detach) or breaks (pass it on). */
  final class Scanner {
    private int matched;

    Scan feed(byte[] input) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(input.length);
      for (byte b : input) {
        if (b == keys[matched]) {
          matched++;
          if (matched == keys.length) {
            return new Scan(out.toByteArray(), true);
          }
          continue;
        }
        out.write(keys, 0, matched); // the held-back prefix was ordinary input after all
        matched = 0;
        if (b == keys[0]) {
          matched = 1;
          if (keys.length == 1) {
            return new Scan(out.toByteArray(), true);
          }
        } else {
          out.write(b);
        }
      }
      return new Scan(out.toByteArray(), false);
    }
  }
}
