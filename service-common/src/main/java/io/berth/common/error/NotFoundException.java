package io.berth.common.error;

/** The object does not exist (no such container, image, network ...). HTTP 404. */
public class NotFoundException extends BerthException {
  public NotFoundException(String message) {
    super(message);
  }

  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 404;
  }
}
