package io.berth.launcher.stack;

import io.berth.launcher.infra.KafkaBroker;
import io.berth.launcher.infra.PostgresCluster;
import io.berth.launcher.infra.Processes;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Starts the stack in order (PostgreSQL and Kafka in parallel, then every service in parallel),
 * watches it (a component that dies is restarted with backoff, and the restart is logged), and
 * stops it in reverse order. A start that fails half-way stops what it started.
 */
public final class Supervisor {
  private static final Duration SERVICE_READY_TIMEOUT = Duration.ofSeconds(240);

  private final LauncherConfig config;
  private final StackControl control;
  private final List<Component> components;
  private final Map<String, Running> running = Collections.synchronizedMap(new LinkedHashMap<>());
  private volatile boolean stopping;
  private final PostgresCluster postgres;
  private final KafkaBroker kafka;

  /** A started component: its process (PostgreSQL: the postmaster pid) and restart bookkeeping. */
  private static final class Running {
    final Component component;
    Process process;
    long pid;
    Instant startedAt = Instant.now();
    final Backoff backoff = Backoff.standard();
    Instant restartAt;

    Running(Component component) {
      this.component = component;
    }
  }

  public Supervisor(LauncherConfig config) {
    this.config = config;
    this.control = new StackControl(config);
    this.components = Components.managed(config);
    this.postgres = control.postgres();
    this.kafka = new KafkaBroker(config.repoRoot().resolve("kafka-dist/target/lib"), config.home().resolve("kafka"),
        LauncherConfig.KAFKA_PORT, LauncherConfig.KAFKA_CONTROLLER_PORT, LauncherConfig.kafkaJvmOptions(System.getenv()), Log::info);
  }

  /** Starts everything and waits until all is ready; on failure stops what it started and throws. */
  public void startAll() throws IOException {
    try {
      Files.createDirectories(config.logs());
      Files.createDirectories(config.run());
      List<CompletableFuture<Void>> infra = new ArrayList<>();
      for (Component c : components) {
        if (!c.isService()) {
          infra.add(async(() -> start(c)));
        }
      }
      join(infra);
      List<CompletableFuture<Void>> services = new ArrayList<>();
      for (Component c : components) {
        if (c.isService()) {
          services.add(async(() -> start(c)));
        }
      }
      join(services);
      awaitNode();
    } catch (IOException | RuntimeException e) {
      Log.info("start failed: " + e.getMessage());
      stopAll();
      throw e;
    }
  }

  private void start(Component c) throws IOException {
    if (stopping) {
      throw new IOException("stopping");
    }
    long t0 = System.nanoTime();
    Running r = new Running(c);
    switch (c.kind()) {
      case POSTGRES -> {
        postgres.start();
        r.pid = postgres.pid().orElseThrow(() -> new IOException("PostgreSQL did not start: see " + config.logFile("postgres")));
      }
      case KAFKA -> {
        kafka.prepare();
        launch(r);
        kafka.awaitReady(Duration.ofSeconds(90), r.process::isAlive);
        kafka.createTopics();
      }
      case SERVICE -> {
        launch(r);
        awaitService(r);
      }
    }
    synchronized (this) {
      running.put(c.name(), r);
      if (stopping) {
        stopOne(r);
        throw new IOException("stopping");
      }
    }
    Processes.writePid(config.pidFile(c.name()), r.pid);
    Log.info(c.name() + " ready (pid " + r.pid + ", port " + c.port() + ") in " + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms");
  }

  /** Spawns a child in its own session, so a terminal's Ctrl-C reaches only the launcher. */
  private void launch(Running r) throws IOException {
    Component c = r.component;
    List<String> command = new ArrayList<>(List.of("setsid"));
    ProcessBuilder pb;
    if (c.kind() == Component.Kind.KAFKA) {
      command.addAll(kafka.command());
      pb = new ProcessBuilder(command);
    } else {
      command.add(javaBin());
      command.addAll(LauncherConfig.serviceJvmOptions(System.getenv(), c.name()));
      command.addAll(config.serviceProperties(c.name()));
      command.addAll(List.of("-jar", c.serviceJar(config.repoRoot()).toString()));
      pb = new ProcessBuilder(command);
      pb.environment().putAll(config.serviceEnv());
      pb.directory(config.home().toFile());
    }
    Path log = config.logFile(c.name());
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    synchronized (this) {
      if (stopping) {
        throw new IOException("stopping");
      }
      r.process = pb.start();
      r.pid = r.process.pid();
      r.startedAt = Instant.now();
      running.put(c.name(), r);
    }
    Processes.writePid(config.pidFile(c.name()), r.pid);
  }

  private void awaitNode() throws IOException {
    if (components.stream().noneMatch(c -> c.name().equals("container-service"))) {
      return;
    }
    String url = "http://127.0.0.1:" + Components.byName("container-service").orElseThrow().port();
    long deadline = System.nanoTime() + SERVICE_READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline && !stopping) {
      if (Health.hasLiveNode(url)) {
        return;
      }
      Processes.sleep(100);
    }
    throw new IOException("no node-runtime registered with container-service within "
        + SERVICE_READY_TIMEOUT.toSeconds() + "s; see " + config.logFile("node-runtime"));
  }

  private void awaitService(Running r) throws IOException {
    long deadline = System.nanoTime() + SERVICE_READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline && !stopping) {
      if (!r.process.isAlive()) {
        throw new IOException(r.component.name() + " exited with code " + r.process.exitValue() + " during start-up; see "
            + config.logFile(r.component.name()) + ":\n" + tail(config.logFile(r.component.name()), 15));
      }
      if (Health.isUp(r.component, config)) {
        return;
      }
      Processes.sleep(250);
    }
    if (stopping) {
      throw new IOException("stopping");
    }
    throw new IOException(r.component.name() + " not ready at " + r.component.healthUrl().orElseThrow() + " after "
        + SERVICE_READY_TIMEOUT.toSeconds() + "s; see " + config.logFile(r.component.name()));
  }

  /** Watches the components until {@link #stopAll()}: restarts what dies, with backoff. */
  public void monitor() {
    while (!stopping) {
      List<Running> snapshot;
      synchronized (running) {
        snapshot = new ArrayList<>(running.values());
      }
      for (Running r : snapshot) {
        if (stopping) {
          break;
        }
        try {
          check(r);
        } catch (IOException | RuntimeException e) {
          Log.info("restart of " + r.component.name() + " failed: " + e.getMessage());
          r.restartAt = Instant.now().plus(r.backoff.next(Duration.ZERO));
        }
      }
      sleepQuietly(500);
    }
  }

  private void check(Running r) throws IOException {
    Component c = r.component;
    if (r.restartAt == null) {
      boolean alive = c.kind() == Component.Kind.POSTGRES ? postgres.pid().isPresent() : r.process.isAlive();
      if (alive) {
        return;
      }
      Duration uptime = Duration.between(r.startedAt, Instant.now());
      Duration delay = r.backoff.next(uptime);
      r.restartAt = Instant.now().plus(delay);
      String code = r.process != null ? " with code " + r.process.exitValue() : "";
      Log.info(c.name() + " (pid " + r.pid + ") exited" + code + " after " + uptime.toSeconds() + "s; restarting in "
          + delay.toMillis() + " ms (restart #" + r.backoff.failures() + ")");
      return;
    }
    if (Instant.now().isBefore(r.restartAt)) {
      return;
    }
    synchronized (this) {
      if (stopping) {
        return;
      }
      r.restartAt = null;
      if (c.kind() == Component.Kind.POSTGRES) {
        postgres.start();
        r.pid = postgres.pid().orElseThrow(() -> new IOException("PostgreSQL did not start"));
        r.startedAt = Instant.now();
        Processes.writePid(config.pidFile(c.name()), r.pid);
      } else {
        launch(r);
      }
    }
    Log.info("restarted " + c.name() + " (pid " + r.pid + ")");
  }

  /** Stops everything in reverse start order: services (in parallel), then Kafka, then PostgreSQL. */
  public void stopAll() {
    stopping = true;
    stopContainers();
    // Starts in flight notice `stopping` within a moment; let them finish so nothing is missed.
    for (CompletableFuture<Void> f : new ArrayList<>(inFlight)) {
      try {
        f.get(120, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // its failure was reported by startAll
      }
    }
    stopRunning();
  }

  private synchronized void stopRunning() {
    if (running.isEmpty()) {
      return;
    }
    List<CompletableFuture<Void>> services = new ArrayList<>();
    for (Component c : reverse(components)) {
      Running r = running.get(c.name());
      if (r != null && c.isService()) {
        services.add(CompletableFuture.runAsync(() -> stopOne(r)));
      }
    }
    CompletableFuture.allOf(services.toArray(CompletableFuture[]::new)).join();
    for (Component c : List.of(Components.KAFKA, Components.POSTGRES)) {
      Running r = running.get(c.name());
      if (r != null) {
        stopOne(r);
      }
    }
    running.clear();
  }

  /**
   * Asks node-runtime to stop its containers first (SIGTERM, then SIGKILL after 10 s), as dockerd
   * does when it shuts down: `down` leaves no container, no monitor and no mount behind. A
   * node-runtime that does not answer is stopped anyway; its containers then keep running.
   */
  private void stopContainers() {
    Running node = running.get("node-runtime");
    if (node == null || node.process == null || !node.process.isAlive()) {
      return;
    }
    int port = Components.byName("node-runtime").orElseThrow().port();
    String url = "http://127.0.0.1:" + port + "/internal/tasks/stop-all?t=10";
    // A node-runtime that was just restarted (after a crash) needs some seconds before it answers;
    // it re-attaches to the running containers first, so waiting for it lets it stop them too.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      if (Health.post(url, Duration.ofSeconds(30))) {
        Log.info("node-runtime stopped its containers");
        return;
      }
      if (!node.process.isAlive() || System.nanoTime() > deadline) {
        Log.info("node-runtime did not stop its containers; they keep running");
        return;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void stopOne(Running r) {
    Component c = r.component;
    if (c.kind() == Component.Kind.POSTGRES || r.process == null) {
      control.stop(c, r.pid);
    } else {
      Processes.stop(r.process.toHandle(), Duration.ofSeconds(c.kind() == Component.Kind.KAFKA ? 30 : 20));
    }
    control.deletePidFile(c.name());
    Log.info("stopped " + c.name());
  }

  /** Component name to pid, for the ready message and RSS numbers. */
  public Map<String, Long> pids() {
    Map<String, Long> m = new LinkedHashMap<>();
    synchronized (running) {
      running.forEach((k, v) -> m.put(k, v.pid));
    }
    return m;
  }

  private static List<Component> reverse(List<Component> list) {
    List<Component> r = new ArrayList<>(list);
    Collections.reverse(r);
    return r;
  }

  interface IoTask {
    void run() throws IOException;
  }

  private final List<CompletableFuture<Void>> inFlight = Collections.synchronizedList(new ArrayList<>());

  private CompletableFuture<Void> async(IoTask task) {
    CompletableFuture<Void> f = CompletableFuture.runAsync(() -> {
      try {
        task.run();
      } catch (IOException e) {
        throw new CompletionException(e);
      }
    }, runnable -> {
      Thread t = new Thread(runnable, "berth-start");
      t.setDaemon(true);
      t.start();
    });
    inFlight.add(f);
    return f;
  }

  /** Waits for all futures, or for the first failure, which becomes an IOException with its message. */
  private static void join(List<CompletableFuture<Void>> futures) throws IOException {
    CompletableFuture<Void> firstFailure = new CompletableFuture<>();
    futures.forEach(f -> f.whenComplete((v, t) -> {
      if (t != null) {
        firstFailure.completeExceptionally(t);
      }
    }));
    try {
      CompletableFuture.anyOf(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)), firstFailure).join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : e.getCause();
      throw new IOException(cause.getMessage(), cause);
    }
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "";
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
