package io.berth.gateway.auth.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A token as the API shows it; {@code secret} only in the answer that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(String id, String name, String role, Instant createdAt, Instant revokedAt, String secret) {

  static TokenResponse of(Token t) {
    return new TokenResponse(t.id(), t.name(), t.role().id(), t.createdAt(), t.revokedAt(), null);
  }

  static TokenResponse created(TokenService.Created c) {
    Token t = c.token();
    return new TokenResponse(t.id(), t.name(), t.role().id(), t.createdAt(), null, c.secret());
  }
}
