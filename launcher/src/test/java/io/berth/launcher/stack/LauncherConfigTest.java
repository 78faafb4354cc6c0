package io.berth.launcher.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherConfigTest {
  private static final Path REPO = Path.of("/repo");

  @Test
  void defaultsToHomeDotBerthAndOwnInfrastructure() {
    LauncherConfig c = LauncherConfig.resolve(Map.of(), Path.of("/home/u"), REPO);
    assertEquals(Path.of("/home/u/.berth"), c.home());
    assertEquals("127.0.0.1:9092", c.kafkaBootstrap());
    assertEquals("postgresql://127.0.0.1:55432/berth", c.dbUrl());
    assertEquals(Components.ALL, Components.managed(c));
    assertEquals(Path.of("/home/u/.berth/logs/kafka.log"), c.logFile("kafka"));
    assertEquals(Path.of("/home/u/.berth/run/kafka.pid"), c.pidFile("kafka"));
  }

  @Test
  void berthHomeFromEnvironmentAndEnvLine() {
    LauncherConfig c = LauncherConfig.resolve(Map.of("BERTH_HOME", "/srv/b/"), Path.of("/home/u"), REPO);
    assertEquals(Path.of("/srv/b"), c.home());
    assertEquals("export DOCKER_HOST=unix:///srv/b/run/berth.sock", c.dockerHostExport());
    assertEquals("/srv/b", c.serviceEnv().get("BERTH_HOME"));
  }

  @Test
  void externalKafkaAndDatabaseAreUsedAndNotStarted() {
    LauncherConfig c = LauncherConfig.resolve(
        Map.of("BERTH_KAFKA_BOOTSTRAP", "k:1234", "BERTH_DB_URL", "postgresql://db:5432/x"), Path.of("/h"), REPO);
    assertEquals("k:1234", c.serviceEnv().get("BERTH_KAFKA_BOOTSTRAP"));
    assertEquals("postgresql://db:5432/x", c.serviceEnv().get("BERTH_DB_URL"));
    assertFalse(Components.managed(c).contains(Components.KAFKA));
    assertFalse(Components.managed(c).contains(Components.POSTGRES));
    assertEquals(Components.SERVICES, Components.managed(c));
  }

  @Test
  void onlyKafkaExternal() {
    LauncherConfig c = LauncherConfig.resolve(Map.of("BERTH_KAFKA_BOOTSTRAP", "k:1", "BERTH_DB_URL", "  "), Path.of("/h"), REPO);
    assertTrue(Components.managed(c).contains(Components.POSTGRES));
    assertFalse(Components.managed(c).contains(Components.KAFKA));
    assertEquals("postgresql://127.0.0.1:55432/berth", c.dbUrl(), "a blank value counts as unset");
  }

  @Test
  void gatewayServesTlsOnlyWhenAllThreeFilesExist(@org.junit.jupiter.api.io.TempDir Path home) throws Exception {
    LauncherConfig c = LauncherConfig.resolve(Map.of("BERTH_HOME", home.toString()), Path.of("/home/u"), REPO);
    java.nio.file.Files.createDirectories(c.tls());
    java.nio.file.Files.writeString(c.tls().resolve("ca.pem"), "x");
    java.nio.file.Files.writeString(c.tls().resolve("server-cert.pem"), "x");
    assertFalse(c.tlsConfigured());
    assertEquals(java.util.List.of(), c.serviceProperties("api-gateway"));
    java.nio.file.Files.writeString(c.tls().resolve("server-key.pem"), "x");
    assertTrue(c.tlsConfigured());
    assertTrue(c.serviceProperties("api-gateway").contains("-Dquarkus.tls.trust-store.pem.certs=tls/ca.pem"));
    // relative to the working directory (BERTH_HOME): no command line names BERTH_HOME
    assertFalse(String.join(" ", c.serviceProperties("api-gateway")).contains(home.toString()));
    assertEquals(java.util.List.of(), c.serviceProperties("image-service"));
  }
}
