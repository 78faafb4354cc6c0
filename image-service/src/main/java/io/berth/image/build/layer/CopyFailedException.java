package io.berth.image.build.layer;

/** A COPY/ADD that cannot be done (missing source, bad destination); the message is Docker's. */
public class CopyFailedException extends RuntimeException {
  public CopyFailedException(String message) {
    super(message);
  }
}
