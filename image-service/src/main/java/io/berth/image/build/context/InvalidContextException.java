package io.berth.image.build.context;

import io.berth.common.error.InvalidArgumentException;

/** A build context Berth refuses: not a tar, or an entry that would land outside the context. */
public class InvalidContextException extends InvalidArgumentException {
  public InvalidContextException(String message) {
    super(message);
  }
}
