package io.berth.image.importer;

/** This machine's platform in OCI (GOARCH) spelling. */
public final class Platforms {
  private Platforms() {}

  public static String architecture() {
    String arch = System.getProperty("os.arch");
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "ppc64le" -> "ppc64le";
      case "s390x" -> "s390x";
      default -> arch;
    };
  }
}
