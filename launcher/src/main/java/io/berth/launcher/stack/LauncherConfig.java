package io.berth.launcher.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where Berth lives and which infrastructure it uses, resolved from the environment: BERTH_HOME
 * (default ~/.berth), BERTH_KAFKA_BOOTSTRAP and BERTH_DB_URL (when set, no broker / no cluster of
 * our own is started).
 */
public record LauncherConfig(
    Path home, Path repoRoot, Optional<String> externalKafka, Optional<String> externalDb) {

  public static final int KAFKA_PORT = 9092;
  public static final int KAFKA_CONTROLLER_PORT = 9093;
  public static final int POSTGRES_PORT = 55432;

  public static LauncherConfig resolve(Map<String, String> env, Path userHome, Path repoRoot) {
    Path home = nonBlank(env.get("BERTH_HOME")).map(Path::of).orElse(userHome.resolve(".berth"));
    return new LauncherConfig(
        home.toAbsolutePath().normalize(), repoRoot, nonBlank(env.get("BERTH_KAFKA_BOOTSTRAP")), nonBlank(env.get("BERTH_DB_URL")));
  }

  public static LauncherConfig fromEnvironment() {
    return resolve(System.getenv(), Path.of(System.getProperty("user.home")), RepoLocator.repoRoot());
  }

  public String kafkaBootstrap() {
    return externalKafka.orElse("127.0.0.1:" + KAFKA_PORT);
  }

  public String dbUrl() {
    return externalDb.orElse("postgresql://127.0.0.1:" + POSTGRES_PORT + "/berth");
  }

  public Path logs() {
    return home.resolve("logs");
  }

  public Path run() {
    return home.resolve("run");
  }

  public Path logFile(String component) {
    return logs().resolve(component + ".log");
  }

  public Path pidFile(String component) {
    return run().resolve(component + ".pid");
  }

  public Path socket() {
    return run().resolve("berth.sock");
  }

  /** The line {@code eval "$(./berth env)"} runs. */
  public String dockerHostExport() {
    return "export DOCKER_HOST=unix://" + socket();
  }

  /**
   * JVM options of every service: BERTH_JAVA_OPTS when set, otherwise options for a small, fast
   * starting platform on a small machine (serial GC, C1 only, a bounded heap). The services wait on
   * I/O far more than they compute, so C2's peak speed buys little and costs start time and memory.
   * SHA-256, the one hot loop that needed C2 (its SHA-NI intrinsic), goes to libcrypto instead
   * ({@code io.berth.oci.Digest#newSha256}).
   */
  public static List<String> serviceJvmOptions(Map<String, String> env, String service) {
    List<String> defaults = new java.util.ArrayList<>(
        List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", SERVICE_JIT, SERVICE_CODE_CACHE, "-Xms32m", "-Xmx256m",
            "-XX:+ExitOnOutOfMemoryError"));
    if (service.equals("node-runtime")) {
      // node-runtime starts conmon and the OCI runtime on every container start: vfork saves the
      // extra exec of jspawnhelper (posix_spawn mode), several ms per process on these machines.
      defaults.add("-Djdk.lang.Process.launchMechanism=VFORK");
    }
    return nonBlank(env.get("BERTH_JAVA_OPTS")).map(opts -> List.of(opts.split("\\s+"))).orElse(List.copyOf(defaults));
  }

  /**
   * C1 compiles a method after ~200 calls by default. A request walks thousands of framework
   * methods a few times each, so with the default the services and the broker interpreted much of
   * every request for their first few hundred containers (263 ms of CPU per `docker run --rm`
   * after 60 runs, 177 ms after 300). A tenth of the thresholds compiles that long tail within the
   * first tens of requests (167 ms after 60 runs). The broker keeps that tenth.
   */
  static final String EARLY_JIT = "-XX:CompileThresholdScaling=0.1";

  /**
   * The services compile at a twentieth: at a tenth a fresh stack still took ~75 cached
   * {@code docker build}s (medians of 25: 83, 59, 52 ms) and ~75 {@code docker run}s (312, 180,
   * 144 ms) to reach its steady latency; at a twentieth ~30 (84, 46, 44 and 279, 146, 143). A
   * fiftieth warmed slightly faster still but made {@code berth up} ~5 s slower (~39 s against
   * ~33 on 2 cores); a twentieth costs ~1.5 s.
   */
  static final String SERVICE_JIT = "-XX:CompileThresholdScaling=0.05";

  /**
   * Room for the extra compiled code: at a twentieth a service holds ~20% more methods (the
   * gateway ~19k against ~16k; ~29 MiB of C1's default 48 MiB code cache at a tenth).
   */
  static final String SERVICE_CODE_CACHE = "-XX:ReservedCodeCacheSize=96m";

  /** JVM options of the Kafka broker: BERTH_KAFKA_JAVA_OPTS when set, otherwise a small heap, serial GC, C1 only. */
  public static List<String> kafkaJvmOptions(Map<String, String> env) {
    return nonBlank(env.get("BERTH_KAFKA_JAVA_OPTS")).map(opts -> List.of(opts.split("\\s+")))
        .orElse(List.of("-Xms32m", "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", EARLY_JIT));
  }

  /** Where the gateway looks for its TLS material (dockerd's names: ca.pem, server-cert.pem, server-key.pem). */
  public Path tls() {
    return home.resolve("tls");
  }

  /** Whether the gateway serves TLS with client certificates on 2376: all three files exist. */
  public boolean tlsConfigured() {
    return TLS_FILES.stream().allMatch(f -> java.nio.file.Files.isRegularFile(tls().resolve(f)));
  }

  static final List<String> TLS_FILES = List.of("ca.pem", "server-cert.pem", "server-key.pem");

  /**
   * Quarkus options of a service beyond its own defaults: the gateway's TLS listener when
   * configured (the gateway asks TLS clients for a certificate). Paths are relative to BERTH_HOME, the services' working directory, so no process's
   * command line names BERTH_HOME.
   */
  public List<String> serviceProperties(String service) {
    if (!service.equals("api-gateway") || !tlsConfigured()) {
      return List.of();
    }
    return List.of(
        "-Dquarkus.tls.key-store.pem.0.cert=tls/server-cert.pem",
        "-Dquarkus.tls.key-store.pem.0.key=tls/server-key.pem",
        "-Dquarkus.tls.trust-store.pem.certs=tls/ca.pem");
  }

  /** The environment every service JVM gets. */
  public Map<String, String> serviceEnv() {
    return Map.of("BERTH_HOME", home.toString(), "BERTH_KAFKA_BOOTSTRAP", kafkaBootstrap(), "BERTH_DB_URL", dbUrl());
  }

  private static Optional<String> nonBlank(String s) {
    return Optional.ofNullable(s).map(String::strip).filter(v -> !v.isEmpty());
  }
}
