package io.berth.common.error;

/** The operation is not allowed on this object (e.g. removing an image in use without force). HTTP 403. */
public class ForbiddenException extends BerthException {
  public ForbiddenException(String message) {
    super(message);
  }

  public ForbiddenException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 403;
  }
}
