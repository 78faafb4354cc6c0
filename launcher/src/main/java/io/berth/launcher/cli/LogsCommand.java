package io.berth.launcher.cli;

import io.berth.launcher.stack.Components;
import io.berth.launcher.stack.LauncherConfig;
import io.berth.launcher.stack.StackControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./berth logs <component> [-f]}. */
@Command(name = "logs", description = "Print a component's log (launcher, postgres, kafka or a service).")
public class LogsCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "<component>", description = "launcher, postgres, kafka, image-service, ...")
  String component;

  @Option(names = {"-f", "--follow"}, description = "Keep printing new lines.")
  boolean follow;

  @Override
  public Integer call() throws Exception {
    if (!component.equals(StackControl.LAUNCHER) && Components.byName(component).isEmpty()) {
      System.err.println("unknown component '" + component + "': use one of launcher, "
          + String.join(", ", Components.ALL.stream().map(c -> c.name()).toList()));
      return 2;
    }
    Path log = LauncherConfig.fromEnvironment().logFile(component);
    if (!Files.exists(log)) {
      System.err.println("no log yet: " + log + " (has `./berth up` run?)");
      return 1;
    }
    if (!follow) {
      Files.copy(log, System.out);
      return 0;
    }
    return new ProcessBuilder(List.of("tail", "-n", "+1", "-F", log.toString())).inheritIO().start().waitFor();
  }
}
