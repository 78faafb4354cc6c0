package io.berth.common.db;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

/**
 * The PostgreSQL schema the running service owns, used to qualify native SQL on the library's
 * tables: Hibernate applies the default schema to entities only, and the connections' search_path
 * is the server default.
 */
@ApplicationScoped
public class DbSchema {
  private final String name;

  public DbSchema(Config config) {
    String schema =
        config
            .getOptionalValue("quarkus.hibernate-orm.database.default-schema", String.class)
            .or(() -> config.getOptionalValue("quarkus.flyway.default-schema", String.class))
            .orElse("public");
    if (!schema.matches("[a-z_][a-z0-9_]*")) {
      // It is spliced into SQL: allow plain lower-case identifiers only.
      throw new IllegalStateException("unsupported schema name '" + schema + "'");
    }
    this.name = schema;
  }

  /** The schema name, e.g. {@code container}. */
  public String name() {
    return name;
  }

  /** {@code <schema>.<table>}. */
  public String table(String table) {
    return name + "." + table;
  }
}
