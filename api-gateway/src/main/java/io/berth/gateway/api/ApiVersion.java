package io.berth.gateway.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Docker Engine API version ("1.41") with Docker's ordering and the supported range. */
public record ApiVersion(String text) implements Comparable<ApiVersion> {

  /** The newest version Berth speaks; also what unversioned requests get. */
  public static final ApiVersion MAX = new ApiVersion("1.41");
  /** The oldest version dockerd 20.10 accepts; Berth claims the same floor. */
  public static final ApiVersion MIN = new ApiVersion("1.12");

  // Docker's router matches "/v{version:[0-9.]+}" and hands the rest of the path on.
  private static final Pattern PREFIX = Pattern.compile("^/v([0-9.]+)(/.*)?$");

  /** A request path split into its version prefix and the path the route handles. */
  public record Prefixed(ApiVersion version, String rest) {}

  /** Splits "/v1.41/containers/json" into 1.41 and "/containers/json"; empty if unprefixed. */
  public static Optional<Prefixed> parsePrefix(String path) {
    if (path == null) {
      return Optional.empty();
    }
    Matcher m = PREFIX.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    String rest = m.group(2) == null ? "/" : m.group(2);
    return Optional.of(new Prefixed(new ApiVersion(m.group(1)), rest));
  }

  /** Docker's error text when this version is outside [MIN, MAX], or empty when it is served. */
  public Optional<String> unsupportedReason() {
    if (compareTo(MAX) > 0) {
      return Optional.of(
          "client version " + text + " is too new. Maximum supported API version is " + MAX.text);
    }
    if (compareTo(MIN) < 0) {
      return Optional.of(
          "client version "
              + text
              + " is too old. Minimum supported API version is "
              + MIN.text
              + ", please upgrade your client to a newer version");
    }
    return Optional.empty();
  }

  /** Dot-separated numeric comparison; missing or non-numeric parts count as 0, as in Docker. */
  @Override
  public int compareTo(ApiVersion other) {
    String[] a = text.split("\\.", -1);
    String[] b = other.text.split("\\.", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      int x = i < a.length ? number(a[i]) : 0;
      int y = i < b.length ? number(b[i]) : 0;
      if (x != y) {
        return Integer.compare(x, y);
      }
    }
    return 0;
  }

  private static int number(String part) {
    try {
      return Integer.parseInt(part);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
