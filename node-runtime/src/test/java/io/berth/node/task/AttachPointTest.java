package io.berth.node.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.node.oci.ProcessStdio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachPointTest {
  @TempDir Path bundle;

  @Test
  void theStdioOfAnInteractiveTaskIsFoundAgainInItsBundle() throws IOException {
    assertEquals(ProcessStdio.NONE, AttachPoint.of(bundle).stdio(), "nothing recorded: no -i/-t");
    AttachPoint.record(bundle, ProcessStdio.NONE);
    assertFalse(Files.exists(bundle.resolve(AttachPoint.STDIO_FILE)), "a plain task writes nothing");
    AttachPoint.record(bundle, new ProcessStdio(true, true, true, 24, 80));
    assertEquals(new ProcessStdio(true, true, true, 0, 0), AttachPoint.of(bundle).stdio());
    AttachPoint.record(bundle, new ProcessStdio(false, true, false, 0, 0));
    assertEquals(new ProcessStdio(false, true, false, 0, 0), AttachPoint.of(bundle).stdio());
  }

  @Test
  void conmonKeepsStdinOpenExceptForStdinOnceWithoutATerminal() {
    assertEquals(List.of("-t", "-i", "--leave-stdin-open"), args(new ProcessStdio(true, true, true, 0, 0)));
    assertEquals(List.of("-i"), args(new ProcessStdio(false, true, true, 0, 0)), "docker run -i: EOF closes stdin");
    assertEquals(List.of("-i", "--leave-stdin-open"), args(new ProcessStdio(false, true, false, 0, 0)), "docker run -di");
    assertEquals(List.of("-t"), args(new ProcessStdio(true, false, false, 0, 0)), "docker run -t: output only");
  }

  @Test
  void resizingWithoutAMonitorFailsInsteadOfBlocking() throws Exception {
    Path fifo = bundle.resolve("ctl");
    assertTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
    IOException e = assertThrows(IOException.class, () -> AttachPoint.of(bundle).resize(24, 80));
    assertEquals("the container's monitor is gone", e.getMessage());
  }

  private static List<String> args(ProcessStdio stdio) {
    List<String> cmd = new ArrayList<>();
    ConmonMonitor.stdioArgs(stdio, cmd);
    return cmd;
  }
}
