package io.berth.gateway.auth;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The gateway as it runs in production: TCP callers need a token. */
public class AuthEnabledProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("berth.auth.enabled", "true");
  }
}
