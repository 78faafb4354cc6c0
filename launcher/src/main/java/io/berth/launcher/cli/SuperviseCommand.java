package io.berth.launcher.cli;

import io.berth.launcher.infra.Processes;
import io.berth.launcher.stack.LauncherConfig;
import io.berth.launcher.stack.Log;
import io.berth.launcher.stack.StackControl;
import io.berth.launcher.stack.Supervisor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The detached supervisor {@code ./berth up -d} starts (hidden): starts, watches, stops on SIGTERM. */
@Command(name = "supervise", hidden = true, description = "Run the supervisor (used by `up -d`).")
public class SuperviseCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    return supervise(LauncherConfig.fromEnvironment(), false);
  }

  static Path stateFile(LauncherConfig config) {
    return config.run().resolve("launcher.state");
  }

  /** Starts the stack and watches it until SIGTERM/SIGINT; {@code foreground} echoes to the console. */
  static int supervise(LauncherConfig config, boolean foreground) {
    long t0 = System.nanoTime();
    if (foreground) {
      Log.toFile(config.logFile(StackControl.LAUNCHER), true);
    }
    Supervisor supervisor = new Supervisor(config);
    StackControl control = new StackControl(config);
    try {
      Processes.writePid(config.pidFile(StackControl.LAUNCHER), ProcessHandle.current().pid());
      state(config, "starting");
    } catch (IOException e) {
      System.err.println("berth: cannot write to " + config.run() + ": " + e.getMessage());
      return 1;
    }
    Thread hook = new Thread(() -> {
      Log.info("stopping Berth");
      supervisor.stopAll();
      control.deletePidFile(StackControl.LAUNCHER);
      Log.info("Berth stopped");
    }, "berth-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    Log.info("starting Berth in " + config.home() + " (repo " + config.repoRoot() + ")");
    try {
      supervisor.startAll();
    } catch (IOException | RuntimeException e) {
      state(config, "failed: " + e.getMessage());
      if (foreground) {
        System.err.println("berth: start failed, nothing is left running: " + e.getMessage());
      }
      return 1; // the hook deletes the pid file
    }
    long millis = (System.nanoTime() - t0) / 1_000_000;
    supervisor.pids().forEach((name, pid) -> Log.info(String.format("  %-18s pid %-7d RSS %d MiB", name, pid, Processes.rssKib(pid) / 1024)));
    Log.info("Berth is ready in " + millis + " ms");
    state(config, "ready");
    if (foreground) {
      Endpoints.print(System.out, config, millis);
    }
    supervisor.monitor();
    return 0;
  }

  private static void state(LauncherConfig config, String state) {
    try {
      Files.writeString(stateFile(config), state + "\n");
    } catch (IOException e) {
      Log.info("cannot write " + stateFile(config) + ": " + e.getMessage());
    }
  }
}
