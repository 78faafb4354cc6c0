package io.berth.node.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("privileged")
class RuntimeDetectorTest {
  @TempDir Path state;
  private RuntimeDetector detector;
  private OciRuntime runc;

  @BeforeEach
  void setUp() throws Exception {
    detector = new RuntimeDetector(Path.of("/bin/busybox"), state.resolve("probe"), SpecBuilder.forThisHost());
    runc = new RuncRuntime(RuncRuntime.DEFAULT_BINARY, state.resolve("runc"));
  }

  @AfterEach
  void probeBundlesRemoved() throws Exception {
    try (var left = Files.list(state.resolve("probe"))) {
      assertEquals(0, left.count(), "probe bundles removed");
    }
  }

  @Test
  void detectsWrappedCrunFirst() throws Exception {
    OciRuntime crun = CrunRuntime.withoutUnifiedMount(CrunRuntime.DEFAULT_BINARY, state.resolve("crun"));
    RuntimeDetector.Detection d = detector.detect(List.of(crun, runc));
    assertEquals("crun", d.runtime().name());
    assertTrue(d.rejected().isEmpty());
    assertNull(detector.probe(runc), "runc works as installed");
  }

  /**
   * On this hybrid host crun as installed is refused until the controller the cgroup2 mount offers
   * (hugetlb) is bound to a v1 hierarchy; node-runtime binds it at start, so whichever ran first on
   * this machine, afterwards bare crun works.
   */
  @Test
  void bareCrunWorksOnceTheHybridControllersAreBoundToV1() throws Exception {
    OciRuntime bare = CrunRuntime.direct(CrunRuntime.DEFAULT_BINARY, state.resolve("bare"));
    HybridCgroups hybrid = new HybridCgroups(HybridCgroups.DEFAULT_ROOT);
    if (!hybrid.unifiedControllers().isEmpty()) {
      String why = detector.probe(bare);
      assertNotNull(why);
      assertTrue(why.contains("cgroup"), why);
      RuntimeDetector.Detection fallback = detector.detect(List.of(bare, runc));
      assertEquals("runc", fallback.runtime().name());
      assertEquals(1, fallback.rejected().size());
      assertEquals(hybrid.unifiedControllers(), hybrid.bindToV1());
    }
    assertEquals(List.of(), hybrid.unifiedControllers());
    assertNull(detector.probe(bare), "crun as installed works");
  }
}
