package io.berth.launcher.cli;

import io.berth.launcher.stack.LauncherConfig;
import io.berth.launcher.stack.StackControl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./berth reset --yes}: down, then delete everything under $BERTH_HOME. */
@Command(name = "reset", description = "Stop everything and delete ALL Berth data under $BERTH_HOME.")
public class ResetCommand implements Callable<Integer> {
  @Option(names = "--yes", description = "Confirm that all data is to be deleted.")
  boolean yes;

  @Override
  public Integer call() throws IOException {
    LauncherConfig config = LauncherConfig.fromEnvironment();
    if (!yes) {
      System.err.println("reset deletes every image, container and volume under " + config.home() + ": run `./berth reset --yes` to confirm");
      return 2;
    }
    new StackControl(config).down().forEach(System.out::println);
    unmountUnder(config.home());
    int leftovers = io.berth.launcher.infra.NetworkLeftovers.remove();
    if (leftovers > 0) {
      System.out.println("removed " + leftovers + " network leftover(s) (netns, bridges, veths, nftables table)");
    }
    if (Files.exists(config.home())) {
      try (Stream<Path> s = Files.walk(config.home())) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          if (!p.equals(config.home())) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
    System.out.println("deleted all data under " + config.home());
    return 0;
  }

  /** Container root filesystems may still be mounted under $BERTH_HOME: never delete through a mount. */
  private static void unmountUnder(Path home) throws IOException {
    String prefix = home.toAbsolutePath() + "/";
    var mounts = Files.readAllLines(Path.of("/proc/self/mounts")).stream()
        .map(l -> l.split(" ")[1].replace("\\040", " "))
        .filter(m -> m.startsWith(prefix))
        .sorted(Comparator.reverseOrder())
        .toList();
    for (String m : mounts) {
      io.berth.launcher.infra.Processes.run(java.util.List.of("umount", "-l", m), java.time.Duration.ofSeconds(10));
    }
  }
}
