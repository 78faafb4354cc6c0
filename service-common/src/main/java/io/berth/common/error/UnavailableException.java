package io.berth.common.error;

/** A dependency is down or not ready yet (Kafka, a node, the registry); retry later. HTTP 503. */
public class UnavailableException extends BerthException {
  public UnavailableException(String message) {
    super(message);
  }

  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 503;
  }
}
