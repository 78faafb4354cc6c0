package io.berth.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The foundation as a user meets it: ./berth up -d, docker version, status, self-healing, down. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FoundationIT {

  @BeforeAll
  static void up() {
    BerthStack.ensureUp();
  }

  @Test
  @Order(1)
  void dockerVersionShowsBerthAsTheServer() {
    String env = BerthStack.berth(Duration.ofSeconds(30), "env").assertOk().stdout();
    assertTrue(env.contains("export DOCKER_HOST=unix://" + BerthStack.SOCKET), env);

    String out = BerthStack.docker("version").assertOk().stdout();
    assertTrue(out.contains("Server: Berth"), out);
    assertTrue(out.contains("API version:       1.41"), out);
  }

  @Test
  @Order(2)
  void statusReportsEveryComponentHealthy() {
    String out = BerthStack.berth(Duration.ofSeconds(60), "status").assertOk().stdout();
    for (String component : BerthStack.SERVICES) {
      Optional<String> line = out.lines().filter(l -> l.contains(component)).findFirst();
      assertTrue(line.isPresent(), "status lists " + component + ":\n" + out);
      assertTrue(line.get().contains("UP"), line.get());
    }
    assertTrue(out.contains("kafka") && out.contains("postgres"), out);
  }

  @Test
  @Order(3)
  void aKilledServiceIsRestartedAndHealthyAgain() throws Exception {
    long before = BerthStack.pidOf("container-service");
    Shell.sh(BerthStack.REPO, BerthStack.env(), Duration.ofSeconds(10), "kill -9 " + before).assertOk();

    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(
            () ->
                BerthStack.pidOf("container-service") != before
                    && BerthStack.berth(Duration.ofSeconds(30), "status").exitCode() == 0);
    assertNotEquals(before, BerthStack.pidOf("container-service"));
    String log = BerthStack.berth(Duration.ofSeconds(30), "logs", "launcher").assertOk().stdout();
    assertTrue(log.toLowerCase().contains("restart"), "the restart is logged:\n" + log);
  }

  @Test
  @Order(4)
  void downLeavesNoProcessAndNoListeningPort() throws Exception {
    // A running container too: down stops it, its monitor and its mount, as dockerd does.
    java.nio.file.Path tar = BerthStack.HOME.getParent().resolve("busybox-rootfs-down.tar");
    Shell.run(BerthStack.REPO, java.util.Map.of(), Duration.ofMinutes(1),
        java.util.List.of("sh", BerthStack.REPO.resolve("scripts/busybox-rootfs.sh").toString(), tar.toString())).assertOk();
    BerthStack.docker("import", tar.toString(), "bb:down").assertOk();
    BerthStack.docker("run", "-d", "--name", "survivor", "bb:down", "sleep", "300").assertOk();
    long gateway = BerthStack.pidOf("api-gateway");
    BerthStack.down().assertOk();
    assertTrue(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/mountinfo")).lines()
        .noneMatch(l -> l.contains(BerthStack.HOME.toString())), "no mount under BERTH_HOME is left");

    assertTrue(ProcessHandle.of(gateway).isEmpty(), "api-gateway process is gone");
    String leftovers =
        Shell.sh(BerthStack.REPO, BerthStack.env(), Duration.ofSeconds(10),
                "ps -eo pid,args | grep -e \"$BERTH_HOME\" -e " + BerthStack.REPO + "/.*quarkus-run.jar | grep -v grep || true")
            .stdout();
    assertEquals("", leftovers.trim(), "no process refers to BERTH_HOME");
    String listening = Shell.sh(BerthStack.REPO, BerthStack.env(), Duration.ofSeconds(10), "ss -Hltn").stdout();
    for (int port : BerthStack.PORTS) {
      assertTrue(listening.lines().noneMatch(l -> l.contains("127.0.0.1:" + port + " ")), "port " + port + " closed:\n" + listening);
    }
  }
}
