package io.berth.launcher.cli;

import io.berth.launcher.infra.Processes;
import io.berth.launcher.stack.BuildStep;
import io.berth.launcher.stack.LauncherConfig;
import io.berth.launcher.stack.Log;
import io.berth.launcher.stack.Preflight;
import io.berth.launcher.stack.RepoLocator;
import io.berth.launcher.stack.StackControl;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./berth up [-d]}: builds what is missing, checks the machine, starts the stack. In the
 * foreground this JVM supervises; with -d a detached supervisor does and this returns when ready.
 */
@Command(name = "up", description = "Start Kafka, PostgreSQL and every service (Ctrl-C stops them).")
public class UpCommand implements Callable<Integer> {
  static final Duration DETACHED_TIMEOUT = Duration.ofMinutes(6);

  @Option(names = {"-d", "--detach"}, description = "Return once everything is ready and leave it running.")
  boolean detach;

  @Override
  public Integer call() throws Exception {
    LauncherConfig config = LauncherConfig.fromEnvironment();
    Files.createDirectories(config.logs());
    try {
      BuildStep.ensureBuilt(config.repoRoot(), config.logs().resolve("build.log"));
    } catch (IOException e) {
      System.err.println("berth: " + e.getMessage());
      return 1;
    }
    StackControl control = new StackControl(config);
    List<String> problems = Preflight.check(config, control);
    if (!problems.isEmpty()) {
      problems.forEach(p -> System.err.println("berth: " + p));
      return 1;
    }
    return detach ? startDetached(config, control) : SuperviseCommand.supervise(config, true);
  }

  private int startDetached(LauncherConfig config, StackControl control) throws IOException {
    long t0 = System.nanoTime();
    Path state = SuperviseCommand.stateFile(config);
    Files.deleteIfExists(state);
    Path log = config.logFile(StackControl.LAUNCHER);
    ProcessBuilder pb = new ProcessBuilder(List.of("setsid",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dberth.repo=" + config.repoRoot(), "-jar", RepoLocator.ownLocation().toString(), "supervise"));
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process supervisor = pb.start();
    System.out.println("Starting Berth (launcher pid " + supervisor.pid() + ", log " + log + ") ...");
    long deadline = System.nanoTime() + DETACHED_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      String s = Files.exists(state) ? Files.readString(state).strip() : "";
      if (s.equals("ready")) {
        Endpoints.print(System.out, config, Duration.ofNanos(System.nanoTime() - t0).toMillis());
        return 0;
      }
      if (s.startsWith("failed")) {
        System.err.println("berth: start failed, nothing is left running: " + s.substring("failed:".length()).strip());
        Processes.awaitExit(supervisor.toHandle(), Duration.ofSeconds(120));
        control.down();
        return 1;
      }
      if (!supervisor.isAlive()) {
        System.err.println("berth: the launcher exited (code " + supervisor.exitValue() + ") before Berth was ready; see " + log);
        control.down();
        return 1;
      }
      Processes.sleep(200);
    }
    System.err.println("berth: not ready after " + DETACHED_TIMEOUT.toMinutes() + " minutes; stopping. See " + config.logs());
    control.down();
    return 1;
  }
}
