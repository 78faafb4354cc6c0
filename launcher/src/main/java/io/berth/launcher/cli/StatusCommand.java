package io.berth.launcher.cli;

import io.berth.launcher.stack.LauncherConfig;
import io.berth.launcher.stack.StackControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./berth status}: pid, port and health of each component; non-zero if any is down. */
@Command(name = "status", description = "Show each component's pid, port and health (exit 1 if any is not healthy).")
public class StatusCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    StackControl.Status s = new StackControl(LauncherConfig.fromEnvironment()).status();
    s.lines().forEach(System.out::println);
    return s.healthy() ? 0 : 1;
  }
}
