package io.berth.node.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync-pipe handshake with conmon, with shell stand-ins for conmon: its parent exits at once
 * and its forked monitor writes (or does not write) the created pid on fd 3 later.
 */
class ConmonSyncPipeTest {
  @TempDir Path dir;

  @Test
  void theLineOfAMonitorThatSpeaksAfterItsParentExitedIsRead() throws IOException {
    // The parent is gone long before the line comes: what a loaded machine made of conmon.
    String line = ConmonMonitor.syncLine(
        monitor("sleep 0.5; echo '{\"data\": 4242}' >&3; sleep 0.2; echo '{\"data\": 0}' >&3"), dir.resolve("err"));
    assertEquals("{\"data\": 4242}", line, "the first line, written after the conmon parent exited");
  }

  @Test
  void aMonitorThatClosesThePipeWithoutAWordGivesNoLine() throws IOException {
    assertNull(ConmonMonitor.syncLine(monitor("sleep 0.2; exec 3>&-"), dir.resolve("err")));
  }

  @Test
  void theSyncPipeIsNamedForConmonAndStdoutIsNotIt() throws IOException {
    String line = ConmonMonitor.syncLine(
        List.of("/bin/sh", "-c", "echo on-stdout; echo \"{\\\"fd\\\": \\\"$_OCI_SYNCPIPE\\\"}\" >&3"), dir.resolve("err"));
    assertEquals("{\"fd\": \"3\"}", line);
  }

  /** A conmon stand-in: forks {@code script} into the background with fd 3 and exits at once. */
  private static List<String> monitor(String script) {
    return List.of("/bin/sh", "-c", "(" + script + ") >/dev/null 2>&1 & exit 0");
  }
}
