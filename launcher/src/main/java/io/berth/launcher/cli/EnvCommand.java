package io.berth.launcher.cli;

import io.berth.launcher.stack.LauncherConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./berth env}: the line for {@code eval "$(./berth env)"}. */
@Command(name = "env", description = "Print `export DOCKER_HOST=...` for eval \"$(./berth env)\".")
public class EnvCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.println(LauncherConfig.fromEnvironment().dockerHostExport());
    return 0;
  }
}
