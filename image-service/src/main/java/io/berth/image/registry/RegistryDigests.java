package io.berth.image.registry;

import io.berth.oci.Digest;
import java.util.Map;

/** Digest parameters of registry requests: malformed ones are the client's fault (400), never a 500. */
final class RegistryDigests {
  private RegistryDigests() {}

  static Digest parse(String value) {
    try {
      return Digest.parse(value);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(RegistryErrorCode.DIGEST_INVALID, Map.of("digest", String.valueOf(value)));
    }
  }
}
