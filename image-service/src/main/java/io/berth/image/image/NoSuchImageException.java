package io.berth.image.image;

import io.berth.common.error.NotFoundException;

/** No image matches the name, tag or id the client gave (Docker answers 404). */
public class NoSuchImageException extends NotFoundException {
  public NoSuchImageException(String name) {
    super("No such image: " + name);
  }
}
