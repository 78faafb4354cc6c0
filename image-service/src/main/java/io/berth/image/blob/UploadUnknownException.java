package io.berth.image.blob;

import java.io.IOException;

/** No upload session with that id exists for that repository (never did, finished or expired). */
public class UploadUnknownException extends IOException {
  public UploadUnknownException(String id) {
    super("blob upload unknown: " + id);
  }
}
