package io.berth.oci.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LayerPathsTest {

  @Test
  void normalizesRelativeNames() throws Exception {
    assertEquals("a/b", LayerPaths.normalize("./a//b/"));
    assertEquals("etc/passwd", LayerPaths.normalize("etc/passwd"));
    assertEquals("", LayerPaths.normalize("./"));
    assertEquals("a/..b", LayerPaths.normalize("a/..b"));
  }

  @Test
  void rejectsAbsoluteAndDotDot() {
    assertThrows(LayerPathException.class, () -> LayerPaths.normalize("/etc/passwd"));
    assertThrows(LayerPathException.class, () -> LayerPaths.normalize("../x"));
    assertThrows(LayerPathException.class, () -> LayerPaths.normalize("a/../../x"));
    // Even a ".." that would stay inside is refused: tars never need one.
    assertThrows(LayerPathException.class, () -> LayerPaths.normalize("a/../b"));
    assertThrows(LayerPathException.class, () -> LayerPaths.normalize("a\0b"));
    assertThrows(LayerPathException.class, () -> LayerPaths.normalize(""));
  }

  @Test
  void symlinkTargets() {
    assertFalse(LayerPaths.symlinkEscapes("bin/sh", "/bin/busybox"));
    assertFalse(LayerPaths.symlinkEscapes("bin/sh", "busybox"));
    assertFalse(LayerPaths.symlinkEscapes("usr/bin/x", "../../bin/busybox"));
    assertTrue(LayerPaths.symlinkEscapes("usr/bin/x", "../../../etc/shadow"));
    assertTrue(LayerPaths.symlinkEscapes("x", "../y"));
    assertTrue(LayerPaths.symlinkEscapes("x", ""));
  }

  @Test
  void hardlinkTargets() throws Exception {
    assertEquals("bin/busybox", LayerPaths.hardlinkTarget("bin/sh", "./bin/busybox"));
    assertThrows(LayerPathException.class, () -> LayerPaths.hardlinkTarget("x", "/etc/passwd"));
    assertThrows(LayerPathException.class, () -> LayerPaths.hardlinkTarget("x", "../etc/passwd"));
    assertThrows(LayerPathException.class, () -> LayerPaths.hardlinkTarget("x", "a/../.."));
  }
}
