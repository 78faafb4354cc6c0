package io.berth.image.image;

import io.berth.common.error.ConflictException;

/** The image cannot be deleted as asked, e.g. a container uses it (Docker answers 409). */
public class ImageConflictException extends ConflictException {
  public ImageConflictException(String message) {
    super(message);
  }
}
