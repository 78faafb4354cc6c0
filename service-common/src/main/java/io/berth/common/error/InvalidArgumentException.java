package io.berth.common.error;

/** The request itself is wrong (bad parameter, malformed reference ...). HTTP 400. */
public class InvalidArgumentException extends BerthException {
  public InvalidArgumentException(String message) {
    super(message);
  }

  public InvalidArgumentException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 400;
  }
}
