package io.berth.launcher.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildStepTest {
  @Test
  void progressLineFromMavensReactorHeader() {
    assertEquals(Optional.of("  [3/12] Berth :: kafka-dist"),
        BuildStep.progress("[INFO] Building Berth :: kafka-dist 0.1.0-SNAPSHOT                              [3/12]"));
    assertEquals(Optional.of("  [1/12] Berth"), BuildStep.progress("[INFO] Building Berth 0.1.0-SNAPSHOT   [1/12]"));
    assertEquals(Optional.empty(), BuildStep.progress("[INFO] Building jar: /x/target/y.jar"));
  }

  @Test
  void missingListsBrokerAndEveryServiceUntilBuilt(@TempDir Path repo) throws Exception {
    assertEquals(1 + Components.SERVICES.size(), BuildStep.missing(repo).size());
    Files.createDirectories(repo.resolve("kafka-dist/target/lib"));
    Files.createFile(repo.resolve("kafka-dist/target/lib/kafka_2.13-4.4.0.jar"));
    for (Component c : Components.SERVICES) {
      Files.createDirectories(c.serviceJar(repo).getParent());
      Files.createFile(c.serviceJar(repo));
    }
    assertTrue(BuildStep.missing(repo).isEmpty());
  }
}
