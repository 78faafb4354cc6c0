package io.berth.gateway.auth.token;

import io.berth.common.db.DbSchema;
import io.berth.gateway.auth.role.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The {@code api_token} table. */
@ApplicationScoped
public class TokenRepository {

  private static final String COLUMNS = "id, name, role, created_at, revoked_at";

  private final Pool pool;
  private final String insert;
  private final String all;
  private final String live;
  private final String revoke;
  private final String count;

  public TokenRepository(Pool pool, DbSchema schema) {
    this.pool = pool;
    String t = schema.table("api_token");
    this.insert = "insert into " + t + " (id, name, role, secret_sha256, created_at) values ($1, $2, $3, $4, $5)";
    this.all = "select " + COLUMNS + " from " + t + " order by created_at, id";
    this.live = "select " + COLUMNS + ", secret_sha256 from " + t + " where revoked_at is null";
    // coalesce: revoking twice keeps the first time.
    this.revoke = "update " + t + " set revoked_at = coalesce(revoked_at, now()) where id = $1 returning " + COLUMNS;
    this.count = "select count(*) from " + t;
  }

  public Uni<Void> insert(Token token, String secretHash) {
    return pool.preparedQuery(insert)
        .execute(Tuple.of(UUID.fromString(token.id()), token.name(), token.role().id(), secretHash,
            token.createdAt().atOffset(ZoneOffset.UTC)))
        .replaceWithVoid();
  }

  public Uni<List<Token>> all() {
    return pool.query(all).execute().map(rows -> {
      List<Token> tokens = new ArrayList<>();
      rows.forEach(r -> tokens.add(token(r)));
      return tokens;
    });
  }

  /** Live tokens by the hash of their secret. */
  public Uni<Map<String, Token>> liveBySecretHash() {
    return pool.query(live).execute().map(rows -> {
      Map<String, Token> tokens = new HashMap<>();
      rows.forEach(r -> tokens.put(r.getString("secret_sha256"), token(r)));
      return tokens;
    });
  }

  public Uni<Optional<Token>> revoke(UUID id) {
    return pool.preparedQuery(revoke).execute(Tuple.of(id))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(token(rows.iterator().next())) : Optional.empty());
  }

  public Uni<Long> count() {
    return pool.query(count).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  private static Token token(Row r) {
    return new Token(r.getUUID("id").toString(), r.getString("name"),
        Role.parse(r.getString("role")).orElseThrow(), instant(r.getOffsetDateTime("created_at")),
        instant(r.getOffsetDateTime("revoked_at")));
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
