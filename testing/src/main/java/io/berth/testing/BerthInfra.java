package io.berth.testing;

import io.berth.launcher.infra.KafkaBroker;
import io.berth.launcher.infra.PostgresCluster;
import io.berth.launcher.infra.Ports;
import io.berth.launcher.infra.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The real PostgreSQL and Kafka broker shared by every test of one test JVM: started once on first
 * use, stopped by a JVM shutdown hook. Static accessors serve tests that need raw clients:
 * {@link #kafkaBootstrap()}, {@link #jdbcUrl()}, {@link #reactiveUrl()}, {@link #berthHome()}.
 *
 * <p>Everything lives under {@code ${java.io.tmpdir}/berth-infra/<jvm pid>} (target/tmp in a
 * Berth module). A JVM killed before its hook ran leaves a cluster and a broker behind: the next
 * start stops those (from their pid files) and deletes their directories.
 */
public final class BerthInfra {
  private static BerthInfra instance;
  private static final String SHARED_CONFIG = "berth.infra.quarkus-config";

  private final Path dir;
  private final PostgresCluster postgres;
  private final KafkaBroker kafka;
  private final Path kafkaPidFile;
  private Process kafkaProcess;

  private BerthInfra(Path dir) {
    this.dir = dir;
    this.postgres =
        new PostgresCluster(dir.resolve("postgres"), Ports.findFree(), dir.resolve("postgres.log"),
            PostgresCluster.testSettings(), BerthInfra::log);
    int kafkaPort = Ports.findFree();
    int controllerPort = Ports.findFree();
    while (controllerPort == kafkaPort) {
      controllerPort = Ports.findFree();
    }
    this.kafka =
        new KafkaBroker(kafkaLib(), dir.resolve("kafka"), kafkaPort, controllerPort,
            List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), BerthInfra::log);
    this.kafkaPidFile = dir.resolve("kafka.pid");
  }

  /** Starts PostgreSQL and Kafka unless this JVM already did; idempotent and thread-safe. */
  public static synchronized BerthInfra start() {
    if (instance == null) {
      long t0 = System.nanoTime();
      Path root = Path.of(System.getProperty("java.io.tmpdir"), "berth-infra").toAbsolutePath();
      cleanLeftovers(root);
      BerthInfra infra = new BerthInfra(root.resolve(Long.toString(ProcessHandle.current().pid())));
      Runtime.getRuntime().addShutdownHook(new Thread(infra::stop, "berth-infra-stop"));
      try {
        infra.boot();
      } catch (RuntimeException e) {
        infra.stop();
        throw e;
      }
      instance = infra;
      System.setProperty("BERTH_KAFKA_BOOTSTRAP", infra.kafka.bootstrap());
      System.setProperty("BERTH_DB_URL", infra.postgres.reactiveUrl());
      System.setProperty("BERTH_HOME", infra.dir.resolve("berth-home").toString());
      log("PostgreSQL on " + infra.postgres.reactiveUrl() + ", Kafka on " + infra.kafka.bootstrap()
          + " ready in " + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms");
    }
    return instance;
  }

  public static String kafkaBootstrap() {
    return start().kafka.bootstrap();
  }

  /** jdbc:postgresql://127.0.0.1:PORT/berth (user berth, any password). */
  public static String jdbcUrl() {
    return start().postgres.jdbcUrl();
  }

  /** postgresql://127.0.0.1:PORT/berth, the form the Vert.x reactive client accepts. */
  public static String reactiveUrl() {
    return start().postgres.reactiveUrl();
  }

  public static String dbUser() {
    return PostgresCluster.SUPERUSER;
  }

  /** A private BERTH_HOME for this test JVM, so tests never touch a running ~/.berth stack. */
  public static Path berthHome() {
    return start().dir.resolve("berth-home");
  }

  /**
   * The Quarkus configuration that points a service at this infrastructure.
   *
   * <p>A {@code @TestProfile} restarts Quarkus in a new class loader, where this class (and its
   * {@code instance}) is loaded afresh; starting a second broker there fails on the first one's
   * directory lock. The coordinates of the first start are therefore kept JVM-wide, in a system
   * property, and every later load reuses the running infrastructure.
   */
  public static synchronized Map<String, String> quarkusConfig() {
    String shared = System.getProperty(SHARED_CONFIG);
    if (shared != null) {
      Map<String, String> c = new LinkedHashMap<>();
      for (String line : shared.split("\n")) {
        int eq = line.indexOf('=');
        c.put(line.substring(0, eq), line.substring(eq + 1));
      }
      return c;
    }
    Map<String, String> c = ownConfig();
    StringBuilder b = new StringBuilder();
    c.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
    System.setProperty(SHARED_CONFIG, b.toString().strip());
    return c;
  }

  private static Map<String, String> ownConfig() {
    BerthInfra i = start();
    Map<String, String> c = new LinkedHashMap<>();
    c.put("kafka.bootstrap.servers", i.kafka.bootstrap());
    c.put("quarkus.datasource.reactive.url", i.postgres.reactiveUrl());
    c.put("quarkus.datasource.jdbc.url", i.postgres.jdbcUrl());
    c.put("quarkus.datasource.username", PostgresCluster.SUPERUSER);
    c.put("quarkus.datasource.password", PostgresCluster.SUPERUSER);
    c.put("berth.home", berthHome().toString());
    return c;
  }

  private void boot() {
    try {
      Files.createDirectories(dir.resolve("berth-home"));
      Files.writeString(dir.resolve("owner.pid"), ProcessHandle.current().pid() + "\n");
      kafka.prepare();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Both start in parallel: PostgreSQL ~1 s, the broker ~3-4 s.
    CompletableFuture<Void> pg = CompletableFuture.runAsync(() -> {
      try {
        postgres.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    try {
      kafkaProcess = kafka.start(dir.resolve("kafka.log"));
      Processes.writePid(kafkaPidFile, kafkaProcess.pid());
      kafka.awaitReady(Duration.ofSeconds(90), kafkaProcess::isAlive);
      kafka.createTopics();
      pg.join();
    } catch (IOException e) {
      pg.exceptionally(t -> null).join();
      throw new IllegalStateException(e.getMessage() + "\n" + tail(dir.resolve("kafka.log")), e);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot start the test infrastructure: " + e.getMessage()
          + "\nkafka.log:\n" + tail(dir.resolve("kafka.log"))
          + "\npostgres.log:\n" + tail(dir.resolve("postgres.log")), e);
    }
  }

  private synchronized void stop() {
    if (kafkaProcess != null) {
      Processes.stop(kafkaProcess.toHandle(), Duration.ofSeconds(20));
      kafkaProcess = null;
    }
    try {
      postgres.stop();
    } catch (IOException e) {
      log("could not stop PostgreSQL: " + e.getMessage());
    }
  }

  /** Stops clusters and brokers of earlier test JVMs that died without their shutdown hook. */
  private static void cleanLeftovers(Path root) {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path d : dirs.toList()) {
        var owner = Processes.readPid(d.resolve("owner.pid"));
        if (owner.isPresent() && Processes.live(owner.getAsLong(), "java").isPresent()) {
          continue; // another test JVM is using it right now
        }
        new PostgresCluster(d.resolve("postgres"), 0, d.resolve("postgres.log"), Map.of(), BerthInfra::log).stopStale();
        new KafkaBroker(Path.of("."), d.resolve("kafka"), 0, 0, List.of(), BerthInfra::log).stopStale(d.resolve("kafka.pid"));
        deleteTree(d);
      }
    } catch (IOException e) {
      log("could not clean " + root + ": " + e.getMessage());
    }
  }

  /** kafka-dist/target/lib: -Dberth.kafka.lib, else found above the working directory, else where this jar was built. */
  static Path kafkaLib() {
    String explicit = Optional.ofNullable(System.getProperty("berth.kafka.lib")).orElse(System.getenv("BERTH_KAFKA_LIB"));
    if (explicit != null) {
      return Path.of(explicit);
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path lib = d.resolve("kafka-dist/target/lib");
      if (Files.isDirectory(lib)) {
        return lib;
      }
    }
    try (InputStream in = BerthInfra.class.getResourceAsStream("build.properties")) {
      Properties p = new Properties();
      p.load(in);
      return Path.of(p.getProperty("kafka.lib")).normalize();
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("cannot find kafka-dist/target/lib: build it with `mvn -B -pl kafka-dist install`");
    }
  }

  private static void deleteTree(Path d) throws IOException {
    try (Stream<Path> s = Files.walk(d)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  private static void log(String message) {
    System.err.println("[berth-infra] " + message);
  }
}
