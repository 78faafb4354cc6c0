package io.berth.launcher.stack;

import io.berth.launcher.infra.Ports;
import io.berth.launcher.infra.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks made before anything starts. Each problem is one line saying what is wrong and how to fix
 * it. Leftovers of a crashed run (stale pid files, a stray cluster or broker) are cleaned here.
 */
public final class Preflight {
  private static final Pattern SS_PROCESS = Pattern.compile("users:\\(\\(\"([^\"]+)\",pid=(\\d+)");

  private Preflight() {}

  /** Runs every check for {@code up}; returns the problems (empty: go). */
  public static List<String> check(LauncherConfig config, StackControl stack) {
    List<String> problems = new ArrayList<>();
    stack.liveSupervisor().ifPresent(pid ->
        problems.add("Berth is already running (launcher pid " + pid + "): see `./berth status`, or stop it with `./berth down`"));
    if (!problems.isEmpty()) {
      return problems;
    }
    javaProblem(Runtime.version().feature()).ifPresent(problems::add);
    rootProblem(Processes.isRoot()).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      return problems;
    }
    stack.cleanLeftovers();
    List<Component> managed = Components.managed(config);
    problems.addAll(packageProblems(config.externalDb().isEmpty()));
    problems.addAll(portProblems(managed, Preflight::isPortFree));
    return problems;
  }

  static Optional<String> javaProblem(int feature) {
    return feature >= 17
        ? Optional.empty()
        : Optional.of("Java " + feature + " is too old: Berth needs Java 17 or newer (e.g. `apt-get install -y openjdk-17-jdk-headless`)");
  }

  static Optional<String> rootProblem(boolean root) {
    return root
        ? Optional.empty()
        : Optional.of("Berth must run as root (node-runtime creates namespaces and mounts): run it with `sudo ./berth up`");
  }

  /** Interface so tests can decide which ports count as taken. */
  interface PortCheck {
    boolean isFree(int port);
  }

  static List<String> portProblems(List<Component> components, PortCheck check) {
    List<String> problems = new ArrayList<>();
    for (Component c : components) {
      for (int port : c.ports()) {
        if (!check.isFree(port)) {
          problems.add("port " + port + " (" + c.name() + ") is already in use" + owner(port) + ": stop that process" + hint(c));
        }
      }
    }
    return problems;
  }

  private static String hint(Component c) {
    return switch (c.kind()) {
      case KAFKA -> ", or set BERTH_KAFKA_BOOTSTRAP=127.0.0.1:" + c.port() + " to use that broker";
      case POSTGRES -> ", or set BERTH_DB_URL=postgresql://127.0.0.1:" + c.port() + "/berth to use that database";
      case SERVICE -> "";
    };
  }

  private static boolean isPortFree(int port) {
    return Ports.isFree(port) && !Ports.isListening(port);
  }

  /** " by pid N (name)" from `ss`, when it can tell. */
  private static String owner(int port) {
    try {
      String out = Processes.run(List.of("ss", "-Hltnp", "sport = :" + port), Duration.ofSeconds(5)).output();
      Matcher m = SS_PROCESS.matcher(out);
      if (m.find()) {
        return " by pid " + m.group(2) + " (" + m.group(1) + ")";
      }
    } catch (IOException ignored) {
      // no ss: the port number alone must do
    }
    return "";
  }

  /**
   * Debian packages the stack runs, each with a file that shows it is installed: PostgreSQL's
   * binaries (unless an external database is used), and what node-runtime needs to run
   * containers: the OCI runtimes, the conmon monitor, busybox for the runtime probe, tini for --init.
   */
  static Map<String, Path> requiredPackages(boolean localDb) {
    Map<String, Path> packages = new LinkedHashMap<>();
    if (localDb) {
      packages.put("postgresql-15", Path.of("/usr/lib/postgresql/15/bin/postgres"));
    }
    packages.put("runc", Path.of("/usr/bin/runc"));
    packages.put("crun", Path.of("/usr/bin/crun"));
    packages.put("conmon", Path.of("/usr/bin/conmon"));
    packages.put("busybox-static", Path.of("/bin/busybox"));
    packages.put("tini", Path.of("/usr/bin/tini-static")); // the init `docker run --init` mounts
    return packages;
  }

  /** Installs missing packages with apt-get on Debian as root; otherwise one line per package says how. */
  private static List<String> packageProblems(boolean localDb) {
    List<String> missing = requiredPackages(localDb).entrySet().stream()
        .filter(e -> !Files.isExecutable(e.getValue())).map(Map.Entry::getKey).toList();
    if (missing.isEmpty()) {
      return List.of();
    }
    if (Processes.isRoot() && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
      Log.info("installing missing packages with apt-get: " + String.join(" ", missing));
      try {
        Processes.run(List.of("apt-get", "update"), Duration.ofMinutes(5));
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y"));
        install.addAll(missing);
        Processes.run(install, Duration.ofMinutes(10));
      } catch (IOException e) {
        // fall through: the check below says what is still missing
      }
    }
    return requiredPackages(localDb).entrySet().stream()
        .filter(e -> !Files.isExecutable(e.getValue()))
        .map(e -> "package " + e.getKey() + " is missing (" + e.getValue() + "): install it with `apt-get install -y " + e.getKey() + "`")
        .toList();
  }
}
