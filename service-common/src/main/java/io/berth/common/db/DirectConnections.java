package io.berth.common.db;

import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Options for a connection of its own, outside the reactive pool, to the service's database: for
 * state that lives as long as a session (a LISTEN, a session advisory lock), which a pooled
 * connection would carry to its next borrower.
 */
@ApplicationScoped
public class DirectConnections {
  private final String url;
  private final String user;
  private final String password;

  public DirectConnections(
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") String user,
      @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String password) {
    this.url = url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url;
    this.user = user;
    this.password = password;
  }

  /** Fresh options (callers may adjust them), prepared statements cached per connection. */
  public PgConnectOptions options() {
    return PgConnectOptions.fromUri(url).setUser(user).setPassword(password).setCachePreparedStatements(true);
  }
}
