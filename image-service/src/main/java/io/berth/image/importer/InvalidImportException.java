package io.berth.image.importer;

import io.berth.common.error.InvalidArgumentException;

/** The import request or its tar is unacceptable (Docker answers 400); nothing was stored. */
public class InvalidImportException extends InvalidArgumentException {
  public InvalidImportException(String message) {
    super(message);
  }

  public InvalidImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
