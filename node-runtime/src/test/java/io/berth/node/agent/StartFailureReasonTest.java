package io.berth.node.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StartFailureReasonTest {

  @Test
  void missingCommandUsesDockersWordsSoTheCliExits127() {
    String crun = "crun create failed for abc: executable file `nosuchcmd` not found in $PATH: No such file or directory";
    assertEquals("OCI runtime create failed: exec: \"nosuchcmd\": executable file not found in $PATH: unknown",
        StartFailureReason.of("nosuchcmd", crun));
  }

  @Test
  void notExecutableSaysPermissionDeniedSoTheCliExits126() {
    assertTrue(StartFailureReason.of("/etc/passwd", "crun create failed for abc: open executable: Permission denied")
        .endsWith("exec: \"/etc/passwd\": permission denied: unknown"));
  }

  @Test
  void otherFailuresKeepTheRuntimesMessage() {
    assertEquals("OCI runtime create failed: mount failed", StartFailureReason.of("sh", "mount failed"));
  }
}
