package io.berth.common.error;

/** The request clashes with current state (name in use, container running ...). HTTP 409. */
public class ConflictException extends BerthException {
  public ConflictException(String message) {
    super(message);
  }

  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 409;
  }
}
