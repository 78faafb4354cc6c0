package io.berth.image.pull;

import io.berth.common.error.BerthException;

/** A pull that cannot start, with the HTTP status and Docker's message for it. */
public class PullException extends BerthException {
  private final int status;

  public PullException(int status, String message) {
    super(message);
    this.status = status;
  }

  @Override
  public int status() {
    return status;
  }
}
