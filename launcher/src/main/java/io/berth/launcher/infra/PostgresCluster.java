package io.berth.launcher.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A private PostgreSQL cluster run from the host's binaries: initdb on first start, pg_ctl start
 * and stop, database {@code berth} with trust-authenticated superuser {@code berth} on loopback.
 *
 * <p>PostgreSQL refuses to run as root, so as root every command runs through {@code runuser -u
 * postgres} and the data directory belongs to postgres. pg_ctl daemonizes: a cluster outlives a
 * killed JVM, which is why {@link #start()} first stops a stale one found in the data directory.
 */
public final class PostgresCluster {
  public static final Path DEFAULT_BIN = Path.of("/usr/lib/postgresql/15/bin");
  public static final String SUPERUSER = "berth";
  public static final String DATABASE = "berth";
  private static final String OS_USER = "postgres";

  private final Path bin;
  private final Path dataDir;
  private final Path socketDir;
  private final Path logFile;
  private final int port;
  private final Map<String, String> settings;
  private final Consumer<String> log;

  /**
   * @param dataDir the cluster's data directory (created by initdb when missing)
   * @param port TCP port on 127.0.0.1
   * @param logFile server log (pg_ctl -l)
   * @param settings extra server settings, e.g. fsync=off for tests
   */
  public PostgresCluster(Path dataDir, int port, Path logFile, Map<String, String> settings, Consumer<String> log) {
    this.bin = DEFAULT_BIN;
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.socketDir = this.dataDir.resolveSibling(this.dataDir.getFileName() + "-socket");
    this.logFile = logFile.toAbsolutePath().normalize();
    this.port = port;
    this.settings = new LinkedHashMap<>(settings);
    this.log = log;
  }

  /** Settings that trade durability for speed: for test clusters only. */
  public static Map<String, String> testSettings() {
    return Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off");
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** postgresql://127.0.0.1:PORT/berth, the form the Vert.x reactive client accepts. */
  public String reactiveUrl() {
    return "postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  public String jdbcUrl() {
    return "jdbc:" + reactiveUrl();
  }

  /** Checks the PostgreSQL binaries exist; the message says how to install them. */
  public static Optional<String> checkBinaries() {
    if (Files.isExecutable(DEFAULT_BIN.resolve("pg_ctl"))) {
      return Optional.empty();
    }
    return Optional.of("PostgreSQL 15 binaries not found in " + DEFAULT_BIN + ": install them with `apt-get install -y postgresql-15`");
  }

  /** Stops a stale cluster, initializes on first use, starts, and creates the database. */
  public void start() throws IOException {
    if (dataDir.toString().contains(" ") || socketDir.toString().contains(" ")) {
      throw new IOException("PostgreSQL data path must not contain spaces: " + dataDir);
    }
    stopStale();
    Files.createDirectories(socketDir);
    Files.createDirectories(logFile.getParent());
    if (!Files.exists(logFile)) {
      Files.createFile(logFile);
    }
    boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
    if (fresh) {
      Files.createDirectories(dataDir);
    }
    handToPostgres();
    if (fresh) {
      log.accept("initializing PostgreSQL cluster in " + dataDir);
      Processes.runChecked(
          Processes.asUser(
              OS_USER,
              List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", SUPERUSER,
                  "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync")),
          Duration.ofMinutes(2));
    }
    Processes.runChecked(
        Processes.asUser(
            OS_USER,
            List.of(bin.resolve("pg_ctl").toString(), "start", "-w", "-t", "60", "-D", dataDir.toString(),
                "-l", logFile.toString(), "-o", serverOptions())),
        Duration.ofSeconds(90));
    createDatabase();
  }

  /** Fast shutdown (pg_ctl stop -m fast); no-op when not running. */
  public void stop() throws IOException {
    if (pid().isEmpty()) {
      return;
    }
    Processes.Result r =
        Processes.run(
            Processes.asUser(OS_USER, List.of(bin.resolve("pg_ctl").toString(), "stop", "-w", "-t", "30", "-m", "fast", "-D", dataDir.toString())),
            Duration.ofSeconds(40));
    if (!r.ok()) {
      pid().flatMap(p -> Processes.live(p, "postgres")).ifPresent(h -> Processes.stop(h, Duration.ofSeconds(5)));
    }
  }

  /** The postmaster's pid when a cluster is running on this data directory. */
  public Optional<Long> pid() {
    OptionalLong p = Processes.readPid(dataDir.resolve("postmaster.pid"));
    if (p.isEmpty() || Processes.live(p.getAsLong(), "postgres").isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(p.getAsLong());
  }

  /** Stops a cluster left running on this data directory by an earlier run that crashed. */
  public boolean stopStale() throws IOException {
    Optional<Long> p = pid();
    if (p.isPresent()) {
      log.accept("stopping a stale PostgreSQL (pid " + p.get() + ") left on " + dataDir);
      stop();
      return true;
    }
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (Files.exists(pidFile)) {
      // The recorded pid is dead or belongs to something else now: the lock is stale.
      Files.delete(pidFile);
    }
    return false;
  }

  private String serverOptions() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("listen_addresses", "127.0.0.1");
    all.put("unix_socket_directories", socketDir.toString());
    all.put("max_connections", "200");
    all.putAll(settings);
    List<String> parts = new ArrayList<>(List.of("-p", Integer.toString(port)));
    all.forEach((k, v) -> parts.add("-c " + k + "=" + v));
    return String.join(" ", parts);
  }

  private void createDatabase() throws IOException {
    List<String> psql =
        List.of(bin.resolve("psql").toString(), "-h", socketDir.toString(), "-p", Integer.toString(port),
            "-U", SUPERUSER, "-d", "postgres", "-tAc", "SELECT 1 FROM pg_database WHERE datname='" + DATABASE + "'");
    String exists = Processes.runChecked(Processes.asUser(OS_USER, psql), Duration.ofSeconds(30)).strip();
    if (!exists.equals("1")) {
      Processes.runChecked(
          Processes.asUser(OS_USER, List.of(bin.resolve("createdb").toString(), "-h", socketDir.toString(),
              "-p", Integer.toString(port), "-U", SUPERUSER, DATABASE)),
          Duration.ofSeconds(30));
    }
  }

  /** As root: the postgres user must own its directories and be able to reach them. */
  private void handToPostgres() throws IOException {
    if (!Processes.isRoot()) {
      return;
    }
    Processes.runChecked(
        List.of("chown", "-R", OS_USER + ":" + OS_USER, dataDir.toString(), socketDir.toString(), logFile.toString()),
        Duration.ofSeconds(30));
    Files.setPosixFilePermissions(dataDir, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
    grantTraverse(dataDir.getParent());
    grantTraverse(logFile.getParent());
  }

  /**
   * Gives "others" search permission (x, not read) on ancestors that lack it, e.g. /root (0700)
   * when $BERTH_HOME is ~/.berth: without it the postgres user cannot reach its data directory.
   */
  private void grantTraverse(Path dir) throws IOException {
    for (Path d = dir; d != null; d = d.getParent()) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(d);
      if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
        perms.add(PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(d, perms);
        log.accept("granted search permission (o+x) on " + d + " so the postgres user can reach " + dataDir);
      }
    }
  }
}
