package io.berth.dockerfile;

/**
 * A Dockerfile that Docker would reject, worded as Docker words it: {@code Dockerfile parse error
 * line 5: unknown instruction: FOOBAR}. The file name replaces "Dockerfile" when it differs.
 */
public class DockerfileException extends RuntimeException {
  private final transient Location location;
  private final String detail;

  public DockerfileException(Location location, String detail) {
    super(prefix(location) + detail);
    this.location = location;
    this.detail = detail;
  }

  /** Where the error is; line 0 (or a null location) when it concerns the whole file. */
  public Location location() {
    return location;
  }

  /** The message without the "Dockerfile parse error line N: " prefix. */
  public String detail() {
    return detail;
  }

  private static String prefix(Location location) {
    if (location == null || location.line() <= 0) {
      return "";
    }
    String file = location.file() == null || location.file().isEmpty() ? "Dockerfile" : location.file();
    return file + " parse error line " + location.line() + ": ";
  }
}
