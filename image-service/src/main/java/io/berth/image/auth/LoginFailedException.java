package io.berth.image.auth;

import io.berth.common.error.BerthException;

/** The registry refused the credentials (dockerd answers 401 with the registry's verdict). */
public class LoginFailedException extends BerthException {
  public LoginFailedException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 401;
  }
}
