package io.berth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rest of the container and image commands a Docker user reaches for, with the real CLI. */
class ContainerCommandsIT {

  @BeforeAll
  static void busyboxImage() {
    BerthStack.ensureUp();
    Path tar = BerthStack.HOME.getParent().resolve("busybox-rootfs-cmds.tar");
    Shell.run(BerthStack.REPO, Map.of(), Duration.ofMinutes(1),
        List.of("sh", BerthStack.REPO.resolve("scripts/busybox-rootfs.sh").toString(), tar.toString())).assertOk();
    BerthStack.docker("import", tar.toString(), "bb:cmds").assertOk();
  }

  @Test
  void psFiltersAndFormats() {
    String a = BerthStack.docker("run", "-d", "--name", "ps-a", "-l", "tier=web", "bb:cmds", "sleep", "300").assertOk().stdout().trim();
    String b = BerthStack.docker("create", "--name", "ps-b", "-l", "tier=db", "bb:cmds", "true").assertOk().stdout().trim();

    assertEquals(a.substring(0, 12), BerthStack.docker("ps", "-q", "--filter", "name=ps-a").assertOk().stdout().trim());
    assertEquals(a, BerthStack.docker("ps", "-q", "--no-trunc", "--filter", "label=tier=web").assertOk().stdout().trim());
    assertEquals("", BerthStack.docker("ps", "-q", "--filter", "name=ps-b").assertOk().stdout().trim(), "created is not running");
    assertEquals(b.substring(0, 12), BerthStack.docker("ps", "-aq", "--filter", "status=created", "--filter", "label=tier=db").assertOk().stdout().trim());
    assertEquals(b.substring(0, 12), BerthStack.docker("ps", "-aq", "--filter", "id=" + b.substring(0, 8)).assertOk().stdout().trim());
    String byImage = BerthStack.docker("ps", "-a", "--filter", "ancestor=bb:cmds", "--format", "{{.Names}}").assertOk().stdout();
    assertTrue(byImage.contains("ps-a") && byImage.contains("ps-b"), byImage);

    BerthStack.docker("rm", "-f", "ps-a", "ps-b").assertOk();
    assertEquals("", BerthStack.docker("ps", "-aq", "--filter", "name=ps-").assertOk().stdout().trim());
  }

  @Test
  void logsFollowStreamsUntilTheContainerStops() throws Exception {
    BerthStack.docker("run", "-d", "--name", "lf", "bb:cmds", "sh", "-c",
        "for i in 1 2 3; do echo line$i; sleep 1; done").assertOk();
    ProcessBuilder pb = new ProcessBuilder("docker", "logs", "-f", "lf");
    pb.environment().putAll(BerthStack.env());
    Process follow = pb.start();
    assertTrue(follow.waitFor(60, TimeUnit.SECONDS), "logs -f ends when the container exits");
    assertEquals("line1\nline2\nline3\n", read(follow.getInputStream()));
    assertEquals(0, follow.exitValue());
    BerthStack.docker("rm", "lf").assertOk();
  }

  @Test
  void restartRenameWaitAndForcedRemove() {
    BerthStack.docker("run", "-d", "--name", "rr", "bb:cmds", "sh", "-c", "echo run; sleep 300").assertOk();
    long firstPid = pid("rr");
    BerthStack.docker("restart", "-t", "1", "rr").assertOk();
    assertEquals("running", BerthStack.docker("inspect", "-f", "{{.State.Status}}", "rr").assertOk().stdout().trim());
    assertNotEquals(firstPid, pid("rr"));
    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> BerthStack.docker("logs", "rr").stdout().equals("run\nrun\n"));

    BerthStack.docker("rename", "rr", "rr2").assertOk();
    assertEquals("/rr2", BerthStack.docker("inspect", "-f", "{{.Name}}", "rr2").assertOk().stdout().trim());
    assertNotEquals(0, BerthStack.docker("inspect", "rr").exitCode());

    BerthStack.docker("rm", "-f", "rr2").assertOk();
    assertNotEquals(0, BerthStack.docker("inspect", "rr2").exitCode());
  }

  @Test
  void imagesInspectAndRmiWithAConflict() {
    String images = BerthStack.docker("images", "--format", "{{.Repository}}:{{.Tag}}").assertOk().stdout();
    assertTrue(images.contains("bb:cmds"), images);
    assertEquals("amd64 linux", BerthStack.docker("image", "inspect", "-f", "{{.Architecture}} {{.Os}}", "bb:cmds").assertOk().stdout().trim());

    BerthStack.docker("create", "--name", "user-of-bb", "bb:cmds", "true").assertOk();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
      Shell.Result rmi = BerthStack.docker("rmi", "bb:cmds");
      return rmi.exitCode() != 0 && rmi.stderr().contains("conflict");
    });
    BerthStack.docker("rm", "user-of-bb").assertOk();
    assertNotEquals("", BerthStack.docker("images", "-q", "bb:cmds").assertOk().stdout().trim(), "the refused rmi kept the image");
  }

  @Test
  void eventsStreamLive() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("docker", "events", "--filter", "container=live-ev", "--format", "{{.Action}}");
    pb.environment().putAll(BerthStack.env());
    Process events = pb.start();
    try {
      Thread.sleep(1500); // let the stream subscribe before the container exists
      BerthStack.docker("run", "--rm", "--name", "live-ev", "bb:cmds", "true").assertOk();
      StringBuilder seen = new StringBuilder();
      InputStream in = events.getInputStream();
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
        while (in.available() > 0) {
          seen.append((char) in.read());
        }
        return seen.toString().contains("destroy");
      });
      assertEquals(List.of("create", "start", "die", "destroy"), seen.toString().lines().toList());
    } finally {
      events.destroy();
    }
  }

  private static long pid(String name) {
    return Long.parseLong(BerthStack.docker("inspect", "-f", "{{.State.Pid}}", name).assertOk().stdout().trim());
  }

  private static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
