package io.berth.oci.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class LayerTarValidatorTest {
  private final LayerTarValidator validator = new LayerTarValidator();

  private LayerTarValidator.Summary validate(byte[] tar) throws IOException {
    return validator.validate(new ByteArrayInputStream(tar));
  }

  private String rejection(byte[] tar) {
    return assertThrows(LayerPathException.class, () -> validate(tar)).getMessage();
  }

  @Test
  void acceptsOrdinaryLayerPlainAndGzip() throws IOException {
    TestTars tars =
        new TestTars()
            .dir("bin")
            .file("bin/busybox", "elf")
            .symlink("bin/sh", "/bin/busybox")
            .hardlink("bin/ash", "bin/busybox")
            .file("etc/.wh.motd", "")
            .file("var/.wh..wh..opq", "");
    byte[] plain = tars.bytes();
    assertEquals(new LayerTarValidator.Summary(6, 3), validate(plain));
    TestTars again =
        new TestTars().dir("bin").file("bin/busybox", "elf").symlink("bin/sh", "busybox");
    assertEquals(3, validate(again.gzipped()).entries());
  }

  @Test
  void rejectsDotDotAndAbsoluteNames() {
    assertTrue(rejection(new TestTars().file("ok", "").file("../x", "").bytes()).contains("\"../x\""));
    assertTrue(rejection(new TestTars().file("/abs", "").bytes()).contains("absolute path"));
  }

  @Test
  void rejectsWritingThroughASymlinkTheTarCreated() {
    String message =
        rejection(new TestTars().symlink("link", "/").file("link/etc/passwd", "x").gzipped());
    assertEquals(
        "unsafe layer entry \"link/etc/passwd\": path goes through symlink \"link\"", message);
  }

  @Test
  void rejectsClimbingSymlinkAndHardlinkEscapes() {
    assertTrue(
        rejection(new TestTars().symlink("a/b", "../../etc").bytes()).contains("escapes the root"));
    assertTrue(
        rejection(new TestTars().hardlink("x", "../../etc/passwd").bytes()).contains("escapes"));
    assertTrue(
        rejection(new TestTars().symlink("l", "/etc").hardlink("x", "l/passwd").bytes())
            .contains("through symlink \"l\""));
    assertTrue(rejection(new TestTars().hardlink("x", "missing").bytes()).contains("not in the layer"));
  }

  @Test
  void aSymlinkReplacedByADirectoryIsNoLongerASymlink() throws IOException {
    byte[] tar = new TestTars().symlink("d", "/tmp").dir("d").file("d/f", "x").bytes();
    assertEquals(3, validate(tar).entries());
  }

  @Test
  void rejectsGarbage() {
    assertThrows(IOException.class, () -> validate("not a tar at all".repeat(64).getBytes()));
  }
}
