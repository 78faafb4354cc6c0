package io.berth.launcher.cli;

import io.berth.launcher.stack.LauncherConfig;
import io.berth.launcher.stack.StackControl;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./berth down}: stops everything Berth started; data is kept. */
@Command(name = "down", description = "Stop everything Berth started (data is kept).")
public class DownCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    List<String> stopped = new StackControl(LauncherConfig.fromEnvironment()).down();
    if (stopped.isEmpty()) {
      System.out.println("Berth is not running.");
    } else {
      stopped.forEach(System.out::println);
    }
    return 0;
  }
}
