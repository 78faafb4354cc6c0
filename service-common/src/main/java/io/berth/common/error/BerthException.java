package io.berth.common.error;

/**
 * A failure of a known kind, named by what went wrong rather than by HTTP status (moby's
 * errdefs); {@link ErrorMapper} turns the kind into the status at the edge. The message is shown
 * to the client as is, so write it for a user ("No such container: web").
 */
public abstract class BerthException extends RuntimeException {
  protected BerthException(String message) {
    super(message);
  }

  protected BerthException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The HTTP status this kind maps to. */
  public abstract int status();
}
