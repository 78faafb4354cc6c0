package io.berth.gateway.auth.token;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * At start: loads the live tokens before the listeners accept requests, and on the very first
 * start (no token at all) creates an admin token, whose secret goes to a file only root can read.
 * Afterwards the tokens are reloaded now and then.
 */
@ApplicationScoped
public class TokenBootstrap {

  private static final Logger LOG = Logger.getLogger(TokenBootstrap.class);
  static final String FIRST_ADMIN = "admin";

  @ConfigProperty(name = "berth.auth.admin-token-file")
  Path adminTokenFile;

  @ConfigProperty(name = "berth.auth.token-reload", defaultValue = "10s")
  Duration reloadEvery;

  void onStart(@Observes StartupEvent start, TokenService tokens, Vertx vertx) {
    Duration wait = Duration.ofSeconds(30);
    if (tokens.count().await().atMost(wait) == 0) {
      TokenService.Created admin = tokens.create(FIRST_ADMIN, "admin").await().atMost(wait);
      writeSecret(adminTokenFile, admin.secret());
      LOG.infof("First start: admin token %s written to %s (mode 0600)", admin.token().id(), adminTokenFile);
    } else {
      tokens.reload().await().atMost(wait);
    }
    vertx.setPeriodic(reloadEvery.toMillis(), id -> tokens.reload().subscribe().with(
        ok -> {}, e -> LOG.warnf("cannot reload tokens: %s", e.getMessage())));
  }

  /** Written to a 0600 file beside the target and renamed, so it is never readable by others. */
  static void writeSecret(Path file, String secret) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, secret + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the admin token to " + file, e);
    }
  }
}
