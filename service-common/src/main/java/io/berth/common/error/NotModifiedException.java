package io.berth.common.error;

/** The object is already in the requested state (Docker answers 304 to starting a running container). HTTP 304. */
public class NotModifiedException extends BerthException {
  public NotModifiedException(String message) {
    super(message);
  }

  public NotModifiedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 304;
  }
}
