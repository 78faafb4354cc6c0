package io.berth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live-restore: containers keep running and logging while node-runtime is dead (SIGKILL), and
 * what happened meanwhile is reported once node-runtime is back.
 */
class CrashSurvivalIT {
  static final int RUNNING = 20;

  @BeforeAll
  static void busyboxImage() {
    BerthStack.ensureUp();
    Path tar = BerthStack.HOME.getParent().resolve("busybox-rootfs-crash.tar");
    Shell.run(BerthStack.REPO, Map.of(), Duration.ofMinutes(1),
        List.of("sh", BerthStack.REPO.resolve("scripts/busybox-rootfs.sh").toString(), tar.toString())).assertOk();
    BerthStack.docker("import", tar.toString(), "bb:crash").assertOk();
  }

  @Test
  void twentyContainersOutliveANodeRuntimeKillAndAnExitMeanwhileIsReported() throws Exception {
    List<String> names = new ArrayList<>();
    List<Long> pids = new ArrayList<>();
    for (int i = 0; i < RUNNING; i++) {
      String name = "survivor-" + i;
      // One line a second: the log must keep growing while node-runtime is down.
      BerthStack.docker("run", "-d", "--name", name, "bb:crash", "sh", "-c",
          "while true; do echo tick; sleep 1; done").assertOk();
      names.add(name);
      pids.add(pid(name));
    }
    BerthStack.docker("run", "-d", "--name", "exits-meanwhile", "bb:crash", "sh", "-c", "sleep 4; exit 5").assertOk();
    // Frozen across the outage: the restarted node must find it again and thaw it to stop it.
    BerthStack.docker("run", "-d", "--name", "frozen", "bb:crash", "sleep", "300").assertOk();
    BerthStack.docker("pause", "frozen").assertOk();

    long node = BerthStack.pidOf("node-runtime");
    int ticksAtKill = ticks(names.get(0)); // logs are served by the node: count before it dies
    Shell.sh(BerthStack.REPO, BerthStack.env(), Duration.ofSeconds(10), "kill -9 " + node).assertOk();
    Thread.sleep(5_000); // the outage: exits-meanwhile ends in it, the others keep ticking

    for (long pid : pids) {
      assertTrue(ProcessHandle.of(pid).isPresent(), "container process " + pid + " survived the kill");
    }
    // The launcher restarts node-runtime, which re-attaches to what its monitors kept running.
    Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
        .until(() -> BerthStack.pidOf("node-runtime") != node
            && BerthStack.berth(Duration.ofSeconds(30), "status").exitCode() == 0);

    assertEquals("5", BerthStack.docker("wait", "exits-meanwhile").assertOk().stdout().trim(),
        "the exit during the outage is reported with its real code");
    assertEquals("exited 5", inspect("exits-meanwhile", "{{.State.Status}} {{.State.ExitCode}}"));
    assertTrue(ticks(names.get(0)) >= ticksAtKill + 4, "output written during the outage was logged");
    for (int i = 0; i < RUNNING; i++) {
      assertEquals("running " + pids.get(i), inspect(names.get(i), "{{.State.Status}} {{.State.Pid}}"));
    }

    assertEquals("paused", inspect("frozen", "{{.State.Status}}"));
    BerthStack.docker("stop", "-t", "1", "frozen").assertOk();
    assertEquals("exited 137", inspect("frozen", "{{.State.Status}} {{.State.ExitCode}}"));

    List<String> stop = new ArrayList<>(List.of("stop", "-t", "1"));
    stop.addAll(names);
    BerthStack.docker(stop.toArray(String[]::new)).assertOk();
    for (String name : names) {
      // sh as pid 1 ignores SIGTERM, so the timeout's SIGKILL ends it, as with Docker.
      assertEquals("exited 137", inspect(name, "{{.State.Status}} {{.State.ExitCode}}"));
    }
    List<String> rm = new ArrayList<>(List.of("rm", "exits-meanwhile", "frozen"));
    rm.addAll(names);
    BerthStack.docker(rm.toArray(String[]::new)).assertOk();
    assertEquals("", BerthStack.docker("ps", "-aq", "--filter", "ancestor=bb:crash").assertOk().stdout().trim());
  }

  private static int ticks(String name) {
    return BerthStack.docker("logs", name).assertOk().stdout().split("tick", -1).length - 1;
  }

  private static String inspect(String name, String format) {
    return BerthStack.docker("inspect", "-f", format, name).assertOk().stdout().trim();
  }

  private static long pid(String name) {
    return Long.parseLong(inspect(name, "{{.State.Pid}}"));
  }
}
