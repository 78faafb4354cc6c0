package io.berth.common.error;

/** A valid request for something Berth does not do yet. HTTP 501. */
public class NotImplementedException extends BerthException {
  public NotImplementedException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 501;
  }
}
