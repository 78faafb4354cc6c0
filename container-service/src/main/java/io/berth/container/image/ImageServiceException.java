package io.berth.container.image;

/** image-service could not be asked or gave an answer we cannot use. */
public class ImageServiceException extends RuntimeException {
  public ImageServiceException(String message) {
    super(message);
  }

  public ImageServiceException(String message, Throwable cause) {
    super(message, cause);
  }
}
