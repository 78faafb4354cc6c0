package io.berth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker exec with the real CLI: output, exit codes, options, stdin, and the exec API itself. */
class ExecIT {
  static final String C = "exec-target";

  @BeforeAll
  static void runningContainer() {
    BerthStack.ensureUp();
    Path tar = BerthStack.HOME.getParent().resolve("busybox-rootfs-exec.tar");
    Shell.run(BerthStack.REPO, Map.of(), Duration.ofMinutes(1),
        List.of("sh", BerthStack.REPO.resolve("scripts/busybox-rootfs.sh").toString(), tar.toString())).assertOk();
    BerthStack.docker("import", "--change", "ENV FROM_IMAGE=yes", tar.toString(), "bb:exec").assertOk();
    BerthStack.docker("run", "-d", "--name", C, "-e", "FROM_RUN=1", "bb:exec", "sleep", "600").assertOk();
  }

  @AfterAll
  static void cleanUp() {
    BerthStack.docker("rm", "-f", C);
  }

  @Test
  void outputStreamsAndExitCodes() {
    Shell.Result r = BerthStack.docker("exec", C, "sh", "-c", "echo out; echo err >&2; exit 3");
    assertEquals(3, r.exitCode(), r.toString());
    assertEquals("out\n", r.stdout());
    assertEquals("err\n", r.stderr());
    assertEquals("hello\n", BerthStack.docker("exec", C, "echo", "hello").assertOk().stdout());
  }

  @Test
  void envWorkdirAndUser() {
    String out = BerthStack.docker("exec", "-e", "EXTRA=x", "-w", "/tmp", "-u", "1000:1001", C,
        "sh", "-c", "echo $FROM_IMAGE $FROM_RUN $EXTRA $(pwd) $(id -u):$(id -g)").assertOk().stdout();
    assertEquals("yes 1 x /tmp 1000:1001\n", out);
    assertEquals("root\n", BerthStack.docker("exec", "-u", "root", C, "sh", "-c", "id -un").assertOk().stdout());
  }

  @Test
  void stdinIsForwardedWithDashI() {
    Shell.Result r = Shell.sh(BerthStack.REPO, BerthStack.env(), Duration.ofSeconds(60),
        "printf 'line one\\nline two\\n' | docker exec -i " + C + " sh -c 'cat; echo done'");
    assertEquals("line one\nline two\ndone\n", r.assertOk().stdout());
  }

  @Test
  void dashItGivesARealTerminalOfTheClientsSize() {
    // script(1) gives the CLI a terminal; the CLI passes its size on with /exec/{id}/resize.
    Shell.Result r = Shell.sh(BerthStack.REPO, BerthStack.env(), Duration.ofSeconds(60),
        "script -qec \"stty rows 40 cols 100; docker exec -it " + C
            + " sh -c 'sleep 1; tty; stty size; test -t 0 && echo stdin-is-a-tty'\" /dev/null");
    String out = r.assertOk().stdout().replace("\r", "");
    assertTrue(out.contains("/dev/pts/"), out);
    assertTrue(out.contains("40 100\n"), out);
    assertTrue(out.contains("stdin-is-a-tty"), out);
  }

  @Test
  void detachedExecRunsInTheBackground() {
    BerthStack.docker("exec", "-d", C, "sh", "-c", "sleep 1; echo later > /tmp/detached").assertOk();
    Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(
        () -> BerthStack.docker("exec", C, "cat", "/tmp/detached").stdout().equals("later\n"));
  }

  @Test
  void execInspectReportsTheExitCode() {
    String sock = BerthStack.SOCKET.toString();
    String created = Shell.sh(BerthStack.REPO, Map.of(), Duration.ofSeconds(30),
        "curl -sf --unix-socket " + sock + " -H 'Content-Type: application/json' -d "
            + "'{\"Cmd\":[\"sh\",\"-c\",\"exit 7\"],\"AttachStdout\":true}' http://d/containers/" + C + "/exec")
        .assertOk().stdout();
    String id = created.replaceAll(".*\"Id\":\"([0-9a-f]{64})\".*\\s*", "$1");
    assertEquals(64, id.length(), created);
    String before = curlJson(sock, "/exec/" + id + "/json");
    assertTrue(before.contains("\"Running\":false") && before.contains("\"ExitCode\":null"), before);
    Shell.sh(BerthStack.REPO, Map.of(), Duration.ofSeconds(30),
        "curl -sf --unix-socket " + sock + " -H 'Content-Type: application/json' -d '{\"Detach\":true}' http://d/exec/"
            + id + "/start").assertOk();
    Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
        .until(() -> curlJson(sock, "/exec/" + id + "/json").contains("\"ExitCode\":7"));
    String again = Shell.sh(BerthStack.REPO, Map.of(), Duration.ofSeconds(30),
        "curl -s -o /dev/null -w '%{http_code}' --unix-socket " + sock
            + " -H 'Content-Type: application/json' -d '{\"Detach\":true}' http://d/exec/" + id + "/start").stdout();
    assertEquals("409", again, "an exec runs once");
    assertEquals("404", Shell.sh(BerthStack.REPO, Map.of(), Duration.ofSeconds(30),
        "curl -s -o /dev/null -w '%{http_code}' --unix-socket " + sock + " http://d/exec/" + "0".repeat(64) + "/json").stdout());
  }

  @Test
  void missingCommandAndStoppedContainerAreClearErrors() {
    Shell.Result missing = BerthStack.docker("exec", C, "no-such-command");
    assertEquals(126, missing.exitCode(), missing.toString());
    assertTrue(missing.stderr().contains("no-such-command"), missing.toString());
    BerthStack.docker("create", "--name", "exec-stopped", "bb:exec", "true").assertOk();
    Shell.Result stopped = BerthStack.docker("exec", "exec-stopped", "true");
    assertNotEquals(0, stopped.exitCode());
    assertTrue(stopped.stderr().contains("is not running"), stopped.toString());
    BerthStack.docker("rm", "exec-stopped").assertOk();
  }

  private static String curlJson(String sock, String path) {
    return Shell.sh(BerthStack.REPO, Map.of(), Duration.ofSeconds(30),
        "curl -sf --unix-socket " + sock + " http://d" + path).assertOk().stdout();
  }
}
