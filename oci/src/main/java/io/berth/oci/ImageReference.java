package io.berth.oci;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed image reference ({@code [registry/]repository[:tag][@digest]}) with Docker's defaults:
 * registry {@code docker.io}, {@code library/} for single-component Docker Hub names, tag {@code
 * latest} when neither tag nor digest is given.
 *
 * @see <a href="https://github.com/distribution/reference/blob/main/reference.go">the reference
 *     grammar</a>
 */
public record ImageReference(String registry, String repository, String tag, Digest digest) {
  public static final String DOCKER_HUB = "docker.io";
  public static final String DEFAULT_TAG = "latest";

  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final Pattern REPOSITORY = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern HOST =
      Pattern.compile("(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9-]+)*(?::[0-9]+)?"
          + "|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?");
  private static final Pattern FULL_HEX_ID = Pattern.compile("[a-f0-9]{64}");
  private static final Pattern TAIL = Pattern.compile("(.*?)(?::([^:/@]+))?(?:@(.+))?");

  /** Parses a reference as the docker CLI would; throws IllegalArgumentException when invalid. */
  public static ImageReference parse(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("invalid reference format: empty");
    }
    Matcher m = TAIL.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid reference format: " + value);
    }
    String name = m.group(1);
    String tag = m.group(2);
    Digest digest = m.group(3) == null ? null : parseDigest(value, m.group(3));
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("invalid reference format: bad tag in " + value);
    }
    if (name.length() > 255) {
      throw new IllegalArgumentException("invalid reference format: repository name too long");
    }
    String registry = DOCKER_HUB;
    String path = name;
    int slash = name.indexOf('/');
    if (slash > 0 && isRegistry(name.substring(0, slash))) {
      registry = name.substring(0, slash);
      path = name.substring(slash + 1);
      if (!HOST.matcher(registry).matches()) {
        throw new IllegalArgumentException("invalid reference format: bad registry in " + value);
      }
    }
    if (FULL_HEX_ID.matcher(path).matches()) {
      throw new IllegalArgumentException(
          "invalid repository name (" + path + "), cannot specify 64-byte hexadecimal strings");
    }
    if (!REPOSITORY.matcher(path).matches()) {
      throw new IllegalArgumentException(
          "invalid reference format: repository name (" + path + ") must be lowercase");
    }
    if (registry.equals("index.docker.io")) {
      registry = DOCKER_HUB;
    }
    if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
      path = "library/" + path;
    }
    if (tag == null && digest == null) {
      tag = DEFAULT_TAG;
    }
    return new ImageReference(registry, path, tag, digest);
  }

  // Docker's rule: the first component is a registry host if it looks like one.
  private static boolean isRegistry(String first) {
    return first.contains(".") || first.contains(":") || first.equals("localhost")
        || !first.equals(first.toLowerCase());
  }

  private static Digest parseDigest(String value, String digest) {
    try {
      return Digest.parse(digest);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid reference format: " + value + ": " + e.getMessage());
    }
  }

  /** The name as Docker shows it: no {@code docker.io/}, no {@code library/}. */
  public String familiarName() {
    if (!registry.equals(DOCKER_HUB)) {
      return registry + "/" + repository;
    }
    return repository.startsWith("library/") && repository.indexOf('/', 8) < 0
        ? repository.substring(8)
        : repository;
  }

  /** The fully qualified name, e.g. {@code docker.io/library/busybox}. */
  public String fullName() {
    return registry + "/" + repository;
  }

  @Override
  public String toString() {
    return familiarName() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }
}
