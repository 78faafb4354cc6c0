package io.berth.gateway.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineIdTest {

  @TempDir Path home;

  @Test
  void isDockerShapedAndStablePerBerthHome() throws Exception {
    String first = EngineId.loadOrCreate(home.resolve("berth"));
    assertTrue(first.matches("([A-Z2-7]{4}:){11}[A-Z2-7]{4}"), first);
    assertEquals(first, EngineId.loadOrCreate(home.resolve("berth")));
    assertEquals(first, Files.readString(home.resolve("berth").resolve(EngineId.FILE)).trim());
    try (var files = Files.list(home.resolve("berth"))) {
      assertEquals(1, files.count(), "no temp file is left behind");
    }
  }

  @Test
  void differsBetweenHomes() {
    assertNotEquals(EngineId.loadOrCreate(home.resolve("a")), EngineId.loadOrCreate(home.resolve("b")));
  }
}
