package io.berth.node.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("privileged")
class RuntimeDetectorTest {
  @TempDir Path state;

  @Test
  void prefersWrappedCrunAndRejectsBareCrunOnThisHybridCgroupHost() throws Exception {
    RuntimeDetector detector =
        new RuntimeDetector(Path.of("/bin/busybox"), state.resolve("probe"), SpecBuilder.forThisHost());
    OciRuntime crun = new CrunRuntime(CrunRuntime.DEFAULT_BINARY, state.resolve("crun"));
    OciRuntime runc = new RuncRuntime(RuncRuntime.DEFAULT_BINARY, state.resolve("runc"));
    RuntimeDetector.Detection d = detector.detect(List.of(crun, runc));
    assertEquals("crun", d.runtime().name());
    assertTrue(d.rejected().isEmpty());
    assertNull(detector.probe(runc), "runc works as installed");

    // crun without the wrapper: the failure the wrapper exists for.
    OciRuntime bare = new CliOciRuntime("crun", CrunRuntime.DEFAULT_BINARY, state.resolve("bare")) {};
    String why = detector.probe(bare);
    assertNotNull(why);
    assertTrue(why.contains("cgroup"), why);
    RuntimeDetector.Detection fallback = detector.detect(List.of(bare, runc));
    assertEquals("runc", fallback.runtime().name());
    assertEquals(1, fallback.rejected().size());
    try (var left = Files.list(state.resolve("probe"))) {
      assertEquals(0, left.count(), "probe bundles removed");
    }
  }
}
