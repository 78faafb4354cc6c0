package io.berth.launcher.stack;

import io.berth.launcher.infra.PostgresCluster;
import io.berth.launcher.infra.Ports;
import io.berth.launcher.infra.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and stops what a run started, from the pid files under $BERTH_HOME/run: works whether or
 * not the launcher that started it is still alive.
 */
public final class StackControl {
  public static final String LAUNCHER = "launcher";
  static final String LAUNCHER_MARKER = "berth-launcher";

  private final LauncherConfig config;

  public StackControl(LauncherConfig config) {
    this.config = config;
  }

  public PostgresCluster postgres() {
    return new PostgresCluster(config.home().resolve("postgres"), LauncherConfig.POSTGRES_PORT, config.logFile("postgres"),
        // A small private cluster: Berth's services keep little data and few connections.
        Map.of("shared_buffers", "32MB"), Log::info);
  }

  /** What identifies a component's process on its command line (guards against recycled pids). */
  public String marker(Component c) {
    return switch (c.kind()) {
      case SERVICE -> c.serviceJar(config.repoRoot()).toString();
      case KAFKA -> config.home().resolve("kafka/server.properties").toString();
      case POSTGRES -> "postgres";
    };
  }

  public Optional<Long> liveSupervisor() {
    return live(config.pidFile(LAUNCHER), LAUNCHER_MARKER).filter(pid -> pid != ProcessHandle.current().pid());
  }

  /** The live pid of a component, from its pid file (PostgreSQL: from postmaster.pid). */
  public Optional<Long> livePid(Component c) {
    if (c.kind() == Component.Kind.POSTGRES) {
      return postgres().pid();
    }
    return live(config.pidFile(c.name()), marker(c));
  }

  private static Optional<Long> live(Path pidFile, String marker) {
    var pid = Processes.readPid(pidFile);
    if (pid.isEmpty()) {
      return Optional.empty();
    }
    return Processes.live(pid.getAsLong(), marker).map(ProcessHandle::pid);
  }

  /**
   * Stops the launcher (which stops its components in reverse order), then anything still running
   * from the pid files. Returns what was stopped, one line each.
   */
  public List<String> down() {
    List<String> stopped = new ArrayList<>();
    liveSupervisor().ifPresent(pid -> {
      ProcessHandle h = ProcessHandle.of(pid).orElseThrow();
      h.destroy();
      if (!Processes.awaitExit(h, Duration.ofSeconds(120))) {
        h.destroyForcibly();
        Processes.awaitExit(h, Duration.ofSeconds(5));
      }
      stopped.add("stopped the launcher (pid " + pid + ") and what it ran");
    });
    // No supervisor did it: a node-runtime still running stops its containers first.
    Component node = Components.byName("node-runtime").orElseThrow();
    if (livePid(node).isPresent()) {
      Health.post("http://127.0.0.1:" + node.port() + "/internal/tasks/stop-all?t=10", Duration.ofSeconds(30));
    }
    List<Component> reverse = new ArrayList<>(Components.ALL);
    java.util.Collections.reverse(reverse);
    // Services stop in parallel (each takes a second or two), then Kafka, then PostgreSQL.
    List<java.util.concurrent.CompletableFuture<String>> services = new ArrayList<>();
    for (Component c : reverse) {
      Optional<Long> pid = livePid(c);
      if (c.isService()) {
        pid.ifPresent(p -> services.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          stop(c, p);
          return "stopped " + c.name() + " (pid " + p + ")";
        })));
      } else {
        services.forEach(f -> stopped.add(f.join()));
        services.clear();
        if (pid.isPresent()) {
          stop(c, pid.get());
          stopped.add("stopped " + c.name() + " (pid " + pid.get() + ")");
        }
      }
      deletePidFile(c.name());
    }
    services.forEach(f -> stopped.add(f.join()));
    deletePidFile(LAUNCHER);
    return stopped;
  }

  /** Stops components a crashed run left behind; clears stale pid files. */
  public void cleanLeftovers() {
    if (liveSupervisor().isPresent()) {
      return;
    }
    for (String line : down()) {
      Log.info("leftover of an earlier run: " + line);
    }
    // A broker started without a pid file (e.g. killed between start and write) is found by its config path.
    String kafkaMarker = marker(Components.KAFKA);
    ProcessHandle.allProcesses()
        .filter(h -> Processes.cmdline(h.pid()).contains(kafkaMarker) && Processes.cmdline(h.pid()).contains("kafka.Kafka"))
        .forEach(h -> {
          Log.info("leftover of an earlier run: stopping a stray Kafka broker (pid " + h.pid() + ")");
          Processes.stop(h, Duration.ofSeconds(30));
        });
  }

  public void stop(Component c, long pid) {
    if (c.kind() == Component.Kind.POSTGRES) {
      try {
        postgres().stop();
      } catch (IOException e) {
        Log.info("could not stop PostgreSQL cleanly: " + e.getMessage());
      }
      return;
    }
    ProcessHandle.of(pid).ifPresent(h -> Processes.stop(h, Duration.ofSeconds(c.kind() == Component.Kind.KAFKA ? 30 : 20)));
  }

  public void deletePidFile(String name) {
    try {
      Files.deleteIfExists(config.pidFile(name));
    } catch (IOException ignored) {
      // stale pid files are detected by liveness anyway
    }
  }

  /** One status row per component; {@code healthy} false if any is down. */
  public record Status(List<String> lines, boolean healthy) {}

  public Status status() {
    List<String> lines = new ArrayList<>();
    boolean healthy = true;
    lines.add(String.format("%-18s %-8s %-6s %s", "COMPONENT", "PID", "PORT", "HEALTH"));
    Optional<Long> sup = liveSupervisor();
    lines.add(String.format("%-18s %-8s %-6s %s", LAUNCHER, sup.map(String::valueOf).orElse("-"), "-", sup.isPresent() ? "UP" : "DOWN"));
    for (Component c : Components.ALL) {
      boolean external = (c.kind() == Component.Kind.KAFKA && config.externalKafka().isPresent())
          || (c.kind() == Component.Kind.POSTGRES && config.externalDb().isPresent());
      if (external) {
        boolean up = c.kind() == Component.Kind.KAFKA
            ? Health.isUp(c, config)
            : true; // an external database is checked by the services' readiness
        healthy &= up;
        lines.add(String.format("%-18s %-8s %-6s %s", c.name(), "external", "-",
            (up ? "UP" : "DOWN") + " " + (c.kind() == Component.Kind.KAFKA ? config.kafkaBootstrap() : config.dbUrl())));
        continue;
      }
      Optional<Long> pid = livePid(c);
      boolean up = pid.isPresent() && (c.kind() == Component.Kind.POSTGRES ? Ports.isListening(c.port()) : Health.isUp(c, config));
      healthy &= up;
      lines.add(String.format("%-18s %-8s %-6s %s", c.name(), pid.map(String::valueOf).orElse("-"), c.port(), up ? "UP" : "DOWN"));
    }
    return new Status(lines, healthy && sup.isPresent());
  }
}
