package io.berth.image.registry;

/** A registry request failed with one of the spec's error codes; {@code detail} says which object. */
public class RegistryException extends RuntimeException {
  private final RegistryErrorCode code;
  private final transient Object detail;
  private final int status;

  public RegistryException(RegistryErrorCode code, Object detail) {
    this(code, detail, code.status().getStatusCode());
  }

  /** For the statuses the spec pairs with a code outside its usual one (416 for a bad chunk). */
  public RegistryException(RegistryErrorCode code, Object detail, int status) {
    super(code + ": " + detail);
    this.code = code;
    this.detail = detail;
    this.status = status;
  }

  public int status() {
    return status;
  }

  public RegistryErrorCode code() {
    return code;
  }

  public Object detail() {
    return detail;
  }
}
