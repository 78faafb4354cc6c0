package io.berth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interactive containers with the real CLI: docker run -it / -i, docker attach with detach keys,
 * docker start -ai, and input that still reaches a container after node-runtime was SIGKILLed.
 * script(1) gives the CLI a terminal; what the test types goes through script's stdin.
 */
class TtyIT {
  static final String IMAGE = "bb:tty";

  @BeforeAll
  static void busyboxImage() {
    BerthStack.ensureUp();
    Path tar = BerthStack.HOME.getParent().resolve("busybox-rootfs-tty.tar");
    Shell.run(BerthStack.REPO, Map.of(), Duration.ofMinutes(1),
        List.of("sh", BerthStack.REPO.resolve("scripts/busybox-rootfs.sh").toString(), tar.toString())).assertOk();
    BerthStack.docker("import", tar.toString(), IMAGE).assertOk();
  }

  @AfterAll
  static void cleanUp() {
    BerthStack.docker("rm", "-f", "tty-attach", "tty-start", "tty-crash", "pipe-attach");
  }

  @Test
  void runItGivesATerminalOfTheClientsSizeAndReturnsTheExitCode() {
    Shell.Result r = inTerminal("", "stty rows 40 cols 100; docker run -it --rm " + IMAGE
        + " sh -c 'tty; stty size; test -t 0 && echo stdin-is-a-tty; exit 3'");
    String out = r.stdout().replace("\r", "");
    assertTrue(out.contains("docker-exit=3"), out);
    assertTrue(out.contains("/dev/pts/"), out);
    assertTrue(out.contains("40 100\n"), out);
    assertTrue(out.contains("stdin-is-a-tty"), out);
  }

  @Test
  void whatIsTypedReachesTheShellAndItsExitCodeComesBack() {
    // $((6*7)) shows that the shell ran the line: the terminal's echo alone would not say 42.
    Shell.Result r = inTerminal("sleep 2; printf 'echo typed-$((6*7))\\n'; sleep 1; printf 'exit 4\\n'; sleep 10",
        "docker run -it --rm " + IMAGE + " sh");
    assertTrue(r.stdout().contains("docker-exit=4"), r.toString());
    assertTrue(r.stdout().contains("typed-42"), r.toString());
  }

  @Test
  void dashIForwardsPipedStdinAndItsEnd() {
    Shell.Result hi = Shell.sh(BerthStack.REPO, BerthStack.env(), Duration.ofSeconds(60),
        "echo hi | docker run -i --rm " + IMAGE + " cat");
    assertEquals("hi\n", hi.assertOk().stdout());
    Shell.Result lines = Shell.sh(BerthStack.REPO, BerthStack.env(), Duration.ofSeconds(60),
        "printf 'a\\nb\\n' | docker run -i --rm " + IMAGE + " sh -c 'cat; echo end-of-input >&2; exit 6'");
    assertEquals(6, lines.exitCode(), lines.toString());
    assertEquals("a\nb\n", lines.stdout());
    assertEquals("end-of-input\n", lines.stderr());
  }

  @Test
  void attachForwardsInputAndTheDetachKeysLeaveTheContainerRunning() {
    BerthStack.docker("run", "-dit", "--name", "tty-attach", IMAGE, "sh").assertOk();
    // ctrl-p ctrl-q (octal 020 021) detaches, as by default in Docker.
    Shell.Result first = inTerminal("sleep 2; printf 'echo attached-$((2+3))\\n'; sleep 2; printf '\\020\\021'; sleep 10",
        "docker attach tty-attach");
    assertTrue(first.stdout().contains("attached-5"), first.toString());
    assertEquals("true", inspect("tty-attach", "{{.State.Running}}"), "detached, not stopped");
    // --detach-keys: ctrl-x (octal 030) instead; the shell still has its terminal.
    Shell.Result second = inTerminal("sleep 2; printf 'echo again-$((3+4))\\n'; sleep 2; printf '\\030'; sleep 10",
        "docker attach --detach-keys ctrl-x tty-attach");
    assertTrue(second.stdout().contains("again-7"), second.toString());
    assertEquals("true", inspect("tty-attach", "{{.State.Running}}"));
    BerthStack.docker("rm", "-f", "tty-attach").assertOk();
  }

  @Test
  void startAiAttachesBeforeTheContainerRuns() {
    BerthStack.docker("create", "-it", "--name", "tty-start", IMAGE,
        "sh", "-c", "echo ready; read line; echo got-$line; exit 2").assertOk();
    Shell.Result r = inTerminal("sleep 3; printf 'abc\\n'; sleep 10", "docker start -ai tty-start");
    String out = r.stdout().replace("\r", "");
    assertTrue(out.contains("ready\n"), "output from the very start is seen: " + r);
    assertTrue(out.contains("got-abc"), r.toString());
    assertTrue(out.contains("docker-exit=2"), r.toString());
    BerthStack.docker("rm", "tty-start").assertOk();
  }

  @Test
  void attachWithoutTerminalKeepsTheStdinOfADetachedDashIContainerOpen() {
    BerthStack.docker("run", "-di", "--name", "pipe-attach", IMAGE,
        "sh", "-c", "while read l; do echo got-$l; done; echo stdin-closed").assertOk();
    // Without StdinOnce the client's end of input ends its attach (as in Docker), not the
    // container's stdin: a second client's input still reaches the same reader.
    for (String line : List.of("x", "y")) {
      Shell.sh(BerthStack.REPO, BerthStack.env(), Duration.ofSeconds(60),
          "printf '" + line + "\\n' | timeout -s KILL 10 docker attach --sig-proxy=false pipe-attach");
      Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(
          () -> BerthStack.docker("logs", "pipe-attach").stdout().contains("got-" + line));
    }
    assertEquals("true", inspect("pipe-attach", "{{.State.Running}}"));
    assertTrue(!BerthStack.docker("logs", "pipe-attach").stdout().contains("stdin-closed"));
    BerthStack.docker("rm", "-f", "pipe-attach").assertOk();
  }

  @Test
  void inputStillReachesAnInteractiveContainerAfterNodeRuntimeWasKilled() throws Exception {
    BerthStack.docker("run", "-dit", "--name", "tty-crash", IMAGE, "sh").assertOk();
    long node = BerthStack.pidOf("node-runtime");
    Shell.sh(BerthStack.REPO, BerthStack.env(), Duration.ofSeconds(10), "kill -9 " + node).assertOk();
    // The launcher restarts node-runtime; the container's monitor kept its terminal meanwhile.
    Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
        .until(() -> BerthStack.pidOf("node-runtime") != node
            && BerthStack.berth(Duration.ofSeconds(30), "status").exitCode() == 0);
    assertEquals("true", inspect("tty-crash", "{{.State.Running}}"));
    Shell.Result r = inTerminal("sleep 2; printf 'echo survived-$((20+22))\\n'; sleep 2; printf '\\020\\021'; sleep 10",
        "docker attach tty-crash");
    assertTrue(r.stdout().contains("survived-42"), r.toString());
    Shell.Result resize = inTerminal("sleep 2; printf 'stty size\\n'; sleep 2; printf '\\020\\021'; sleep 10",
        "stty rows 31 cols 91; docker attach tty-crash");
    assertTrue(resize.stdout().replace("\r", "").contains("31 91\n"), "resized through the monitor: " + resize);
    BerthStack.docker("rm", "-f", "tty-crash").assertOk();
  }

  /**
   * Runs {@code command} with a terminal (script) whose input is what {@code typing} prints; the
   * command's exit code is printed as docker-exit=N (script -e does not pass it on here).
   */
  private static Shell.Result inTerminal(String typing, String command) {
    // Input from a process substitution, which bash does not wait for (its stderr not ours either):
    // done when script is.
    String input = typing.isEmpty() ? "sleep 30" : typing;
    return Shell.sh(BerthStack.REPO, BerthStack.env(), Duration.ofSeconds(90),
        "script -qec \"" + (command + "; echo docker-exit=\\$?").replace("\"", "\\\"") + "\" /dev/null < <({ "
            + input + "; } 2>/dev/null)");
  }

  private static String inspect(String name, String format) {
    return BerthStack.docker("inspect", "-f", format, name).assertOk().stdout().trim();
  }
}
