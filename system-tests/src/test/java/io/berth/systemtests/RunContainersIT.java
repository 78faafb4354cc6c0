package io.berth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Run containers end to end" as a Docker user does it: the stock docker CLI against
 * `./berth up -d`, a busybox image imported from Debian's busybox-static, real namespaces.
 */
class RunContainersIT {
  static final Path ROOTFS_TAR = BerthStack.HOME.getParent().resolve("busybox-rootfs.tar");

  @BeforeAll
  static void busyboxImage() {
    BerthStack.ensureUp();
    Shell.run(BerthStack.REPO, Map.of(), Duration.ofMinutes(1),
            List.of("sh", BerthStack.REPO.resolve("scripts/busybox-rootfs.sh").toString(), ROOTFS_TAR.toString()))
        .assertOk();
    String id = BerthStack.docker("import", ROOTFS_TAR.toString(), "busybox").assertOk().stdout().trim();
    assertTrue(id.startsWith("sha256:"), id);
  }

  @Test
  void runPrintsOutputAndExitsWithTheContainersCode() {
    Shell.Result hello = BerthStack.docker("run", "--rm", "busybox", "echo", "hello");
    assertEquals(0, hello.exitCode(), hello.stderr());
    assertEquals("hello\n", hello.stdout());

    Shell.Result seven = BerthStack.docker("run", "busybox", "sh", "-c", "exit 7");
    assertEquals(7, seven.exitCode(), seven.stderr());

    Shell.Result streams = BerthStack.docker("run", "--rm", "busybox", "sh", "-c", "echo out; echo err >&2");
    assertEquals(0, streams.exitCode(), streams.stderr());
    assertEquals("out\n", streams.stdout());
    assertTrue(streams.stderr().contains("err"), streams.stderr());
  }

  @Test
  void runAppliesEnvWorkdirUserHostnameEntrypointAndLabels() {
    Shell.Result r = BerthStack.docker("run", "--rm", "-e", "FOO=bar", "-w", "/tmp", "-u", "1000:50",
        "--hostname", "box", "--label", "k=v", "busybox", "sh", "-c", "echo $FOO $(pwd) $(id -u):$(id -g) $(hostname)");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("bar /tmp 1000:50 box\n", r.stdout());

    Shell.Result named = BerthStack.docker("run", "--rm", "-u", "app", "busybox", "id", "-un");
    assertEquals("app\n", named.stdout(), named.stderr());

    Shell.Result entry = BerthStack.docker("run", "--rm", "--entrypoint", "echo", "busybox", "via", "entrypoint");
    assertEquals("via entrypoint\n", entry.stdout(), entry.stderr());
  }

  @Test
  void detachedContainerLivesInItsOwnNamespacesAndIsStoppedAndRemoved() throws Exception {
    Instant since = Instant.now().minusSeconds(1);
    String id = BerthStack.docker("run", "-d", "--name", "s", "-l", "suite=run", "busybox",
            "sh", "-c", "echo started; sleep 300").assertOk().stdout().trim();
    assertEquals(64, id.length(), id);

    String ps = BerthStack.docker("ps", "--filter", "label=suite=run", "--format", "{{.Names}} {{.Status}}").assertOk().stdout();
    assertTrue(ps.startsWith("s Up"), ps);

    long pid = Long.parseLong(BerthStack.docker("inspect", "-f", "{{.State.Pid}}", "s").assertOk().stdout().trim());
    assertTrue(pid > 0);
    for (String ns : List.of("pid", "mnt", "uts", "ipc", "net")) {
      String theirs = Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/" + ns)).toString();
      String ours = Files.readSymbolicLink(Path.of("/proc/self/ns/" + ns)).toString();
      assertNotEquals(ours, theirs, ns + " namespace of the container");
    }

    awaitLogs("s", "started\n");

    BerthStack.docker("stop", "-t", "2", "s").assertOk();
    assertEquals("exited 137", BerthStack.docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "s").assertOk().stdout().trim(),
        "sleep as PID 1 ignores SIGTERM, so stop ends it with SIGKILL after the timeout");
    assertTrue(ProcessHandle.of(pid).isEmpty(), "the container process is gone");

    BerthStack.docker("rm", "s").assertOk();
    assertNotEquals(0, BerthStack.docker("inspect", "s").exitCode());
    Path bundle = BerthStack.HOME.resolve("node/bundles/" + id);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(bundle));
    assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(id), "no mount of the container is left");

    String events = BerthStack.docker("events", "--since", String.valueOf(since.getEpochSecond()),
            "--until", String.valueOf(Instant.now().getEpochSecond() + 1),
            "--filter", "container=" + id, "--format", "{{.Action}}").assertOk().stdout();
    assertEquals(List.of("create", "start", "die", "destroy"), events.lines().toList());
  }

  @Test
  void createStartWaitLogsAndKill() {
    BerthStack.docker("create", "--name", "cw", "busybox", "sh", "-c", "echo one; echo two >&2; exit 3").assertOk();
    BerthStack.docker("start", "cw").assertOk();
    assertEquals("3", BerthStack.docker("wait", "cw").assertOk().stdout().trim());
    Shell.Result logs = BerthStack.docker("logs", "cw");
    assertEquals("one\n", logs.stdout());
    assertEquals("two\n", logs.stderr());
    String tail = BerthStack.docker("logs", "--tail", "1", "-t", "cw").assertOk().stderr();
    assertTrue(tail.matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z two\\n"), tail);
    BerthStack.docker("rm", "cw").assertOk();

    BerthStack.docker("run", "-d", "--name", "k", "busybox", "sleep", "300").assertOk();
    BerthStack.docker("kill", "-s", "KILL", "k").assertOk();
    assertEquals("137", BerthStack.docker("wait", "k").assertOk().stdout().trim());
    BerthStack.docker("rm", "k").assertOk();
  }

  @Test
  void badInputGetsClearErrorsAndChangesNothing() throws Exception {
    Shell.Result missingCommand = BerthStack.docker("run", "--rm", "busybox", "no-such-command");
    assertEquals(127, missingCommand.exitCode(), missingCommand.stderr());
    assertTrue(missingCommand.stderr().contains("executable file not found"), missingCommand.stderr());
    assertEquals(126, BerthStack.docker("run", "--rm", "busybox", "/etc/passwd").exitCode());

    // A registry on a closed loopback port: the CLI's pull after the 404 fails the same way on
    // every machine, with or without a route to Docker Hub.
    Shell.Result unknown = BerthStack.docker("create", "127.0.0.1:9/no-such-image");
    assertNotEquals(0, unknown.exitCode());
    assertTrue(unknown.stderr().contains("No such image"), unknown.stderr());

    BerthStack.docker("create", "--name", "dup", "busybox", "true").assertOk();
    Shell.Result dup = BerthStack.docker("create", "--name", "dup", "busybox", "true");
    assertNotEquals(0, dup.exitCode());
    assertTrue(dup.stderr().contains("is already in use"), dup.stderr());
    BerthStack.docker("rm", "dup").assertOk();
    Shell.Result removed = BerthStack.docker("start", "dup");
    assertTrue(removed.stderr().contains("No such container"), removed.stderr());

    Shell.Result malformed = Shell.sh(BerthStack.REPO, BerthStack.env(), Duration.ofSeconds(30),
        "curl -s -o /dev/stderr -w '%{http_code}' --unix-socket \"" + BerthStack.SOCKET
            + "\" -H 'Content-Type: application/json' -d '{\"Image\": ' http://berth/v1.41/containers/create");
    assertEquals("400", malformed.stdout());
    assertTrue(malformed.stderr().contains("\"message\""), malformed.stderr());

    String imagesBefore = BerthStack.docker("images", "-q").assertOk().stdout();
    for (String evil : List.of("../escape", "/etc/evil")) {
      Path tar = EvilTars.withEntry(BerthStack.HOME.getParent(), evil);
      Shell.Result r = BerthStack.docker("import", tar.toString(), "evil");
      assertNotEquals(0, r.exitCode(), evil);
      assertTrue(r.stderr().toLowerCase().contains("path") || r.stderr().contains(evil.replace("../", "")), r.stderr());
    }
    Shell.Result symlink = BerthStack.docker("import", EvilTars.symlinkEscape(BerthStack.HOME.getParent()).toString(), "evil");
    assertNotEquals(0, symlink.exitCode(), symlink.stdout());
    assertEquals(imagesBefore, BerthStack.docker("images", "-q").assertOk().stdout(), "nothing was written");
  }

  private static void awaitLogs(String container, String expected) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> BerthStack.docker("logs", container).stdout().equals(expected));
  }
}
