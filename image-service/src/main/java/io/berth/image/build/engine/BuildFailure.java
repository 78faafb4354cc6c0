package io.berth.image.build.engine;

/**
 * A build that stops with an error the client sees in the stream ({@code errorDetail}), worded as
 * Docker words it; {@code code} is the failing command's exit code, or 1.
 */
public class BuildFailure extends RuntimeException {
  private final int code;
  private final Integer exitCode;

  public BuildFailure(String message) {
    super(message);
    this.code = 1;
    this.exitCode = null;
  }

  public BuildFailure(String message, int exitCode) {
    super(message);
    this.code = exitCode;
    this.exitCode = exitCode;
  }

  public int code() {
    return code;
  }

  /** The RUN's exit code, or null when the failure was not a command's. */
  public Integer exitCode() {
    return exitCode;
  }
}
