package io.berth.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {
  private static final String HEX =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @ParameterizedTest
  @CsvSource({
    "busybox, docker.io, library/busybox, latest, busybox",
    "busybox:1.36, docker.io, library/busybox, 1.36, busybox",
    "user/app:v1, docker.io, user/app, v1, user/app",
    "docker.io/library/busybox, docker.io, library/busybox, latest, busybox",
    "index.docker.io/library/busybox, docker.io, library/busybox, latest, busybox",
    "localhost:5050/a/b:t, localhost:5050, a/b, t, localhost:5050/a/b",
    "localhost/x, localhost, x, latest, localhost/x",
    "127.0.0.1:5050/x_y/z-w.q:T_1.0-rc, 127.0.0.1:5050, x_y/z-w.q, T_1.0-rc, 127.0.0.1:5050/x_y/z-w.q",
    "ghcr.io/org/tool, ghcr.io, org/tool, latest, ghcr.io/org/tool",
  })
  void parsesWithDockerDefaults(
      String value, String registry, String repository, String tag, String familiar) {
    ImageReference ref = ImageReference.parse(value);
    assertEquals(registry, ref.registry());
    assertEquals(repository, ref.repository());
    assertEquals(tag, ref.tag());
    assertNull(ref.digest());
    assertEquals(familiar, ref.familiarName());
    assertEquals(familiar + ":" + tag, ref.toString());
  }

  @Test
  void digestWithoutTagHasNoTag() {
    ImageReference ref = ImageReference.parse("name@sha256:" + HEX);
    assertEquals("library/name", ref.repository());
    assertNull(ref.tag());
    assertEquals("sha256:" + HEX, ref.digest().toString());
    assertEquals("name@sha256:" + HEX, ref.toString());
  }

  @Test
  void tagAndDigest() {
    ImageReference ref = ImageReference.parse("localhost:5050/a:t@sha256:" + HEX);
    assertEquals("localhost:5050", ref.registry());
    assertEquals("a", ref.repository());
    assertEquals("t", ref.tag());
    assertEquals(HEX, ref.digest().hex());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Busybox",
        "busybox:",
        "busybox:bad/tag",
        "a//b",
        "-a",
        "a-",
        "name@sha256:123",
        "name@md5:" + HEX,
        HEX,
        "busybox:" + "t12345678901234567890123456789012345678901234567890123456789012345678901234567890"
            + "1234567890123456789012345678901234567890123456789",
      })
  void rejectsInvalid(String value) {
    assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(value));
  }
}
