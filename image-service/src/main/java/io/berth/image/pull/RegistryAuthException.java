package io.berth.image.pull;

import java.io.IOException;

/** The remote registry wants credentials Berth does not have, or its auth flow failed. */
public class RegistryAuthException extends IOException {
  public RegistryAuthException(String message) {
    super(message);
  }
}
