package io.berth.gateway.auth.token;

import io.berth.gateway.auth.role.Role;
import java.time.Instant;

/** A stored token, without its secret. {@code revokedAt} is null while it is valid. */
public record Token(String id, String name, Role role, Instant createdAt, Instant revokedAt) {

  public boolean live() {
    return revokedAt == null;
  }
}
