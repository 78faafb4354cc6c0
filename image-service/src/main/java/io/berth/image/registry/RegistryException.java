package io.berth.image.registry;

/** A registry request failed with one of the spec's error codes; {@code detail} says which object. */
public class RegistryException extends RuntimeException {
  private final RegistryErrorCode code;
  private final transient Object detail;

  public RegistryException(RegistryErrorCode code, Object detail) {
    super(code + ": " + detail);
    this.code = code;
    this.detail = detail;
  }

  public RegistryErrorCode code() {
    return code;
  }

  public Object detail() {
    return detail;
  }
}
