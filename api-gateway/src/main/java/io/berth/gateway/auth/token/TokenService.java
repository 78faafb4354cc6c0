package io.berth.gateway.auth.token;

import io.berth.common.error.ConflictException;
import io.berth.common.error.InvalidArgumentException;
import io.berth.common.error.NotFoundException;
import io.berth.gateway.auth.role.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates, lists and revokes tokens, and answers "whose secret is this?" for every TCP request.
 *
 * <p>The answer comes from an in-memory copy of the live tokens, so authentication never waits on
 * the database (a route that waited would have to pause the request body meanwhile). This gateway
 * is the only writer: every change reloads the copy before it returns, and a periodic reload ({@link TokenBootstrap}) picks
 * up anything changed in the database by hand.
 */
@ApplicationScoped
public class TokenService {

  private static final int MAX_NAME = 128;

  private final TokenRepository repository;
  private volatile Map<String, Token> live = Map.of();

  public TokenService(TokenRepository repository) {
    this.repository = repository;
  }

  /** A new token and its secret, which is not stored and cannot be shown again. */
  public record Created(Token token, String secret) {}

  public Uni<Created> create(String name, String roleId) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME || !name.matches("[A-Za-z0-9][A-Za-z0-9_.@-]*")) {
      throw new InvalidArgumentException(
          "invalid token name \"" + name + "\": 1-" + MAX_NAME + " characters [A-Za-z0-9_.@-], starting with a letter or digit");
    }
    Role role = Role.parse(roleId)
        .orElseThrow(() -> new InvalidArgumentException("invalid role \"" + roleId + "\": one of " + Role.ids()));
    String secret = TokenSecret.generate();
    Token token = new Token(UUID.randomUUID().toString(), name, role, Instant.now().truncatedTo(ChronoUnit.MICROS), null);
    return repository.insert(token, TokenSecret.hash(secret))
        .onFailure(PgException.class).transform(e -> "23505".equals(((PgException) e).getSqlState())
            ? new ConflictException("a token named \"" + name + "\" already exists; revoke it first")
            : e)
        .call(this::reload)
        .replaceWith(new Created(token, secret));
  }

  public Uni<List<Token>> list() {
    return repository.all();
  }

  public Uni<Token> revoke(String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("no such token: " + id);
    }
    return repository.revoke(uuid)
        .map(t -> t.orElseThrow(() -> new NotFoundException("no such token: " + id)))
        .call(this::reload);
  }

  /** The live token whose secret this is. */
  public Optional<Token> authenticate(String secret) {
    return Optional.ofNullable(live.get(TokenSecret.hash(secret)));
  }

  /** The live token with this name (TLS clients are named by their certificate's CN). */
  public Optional<Token> byName(String name) {
    return live.values().stream().filter(t -> t.name().equals(name)).findFirst();
  }

  public Uni<Long> count() {
    return repository.count();
  }

  public Uni<Void> reload() {
    return repository.liveBySecretHash().invoke(tokens -> live = Map.copyOf(tokens)).replaceWithVoid();
  }
}
