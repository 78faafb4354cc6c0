package io.berth.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {
  private static final String EMPTY_SHA256 =
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void parsesAndPrintsCanonically() {
    Digest d = Digest.parse(EMPTY_SHA256);
    assertEquals("sha256", d.algorithm());
    assertEquals(EMPTY_SHA256, d.toString());
    assertEquals("e3b0c44298fc", d.shortHex());
    assertEquals(d, Digest.ofSha256Hex(d.hex()));
  }

  @Test
  void hashesBytes() {
    assertEquals(EMPTY_SHA256, Digest.sha256(new byte[0]).toString());
    assertEquals(
        "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
        Digest.sha256("hello".getBytes(StandardCharsets.UTF_8)).toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "sha256",
        "sha256:",
        ":abc",
        "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
        "sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855/../x"
      })
  void rejectsMalformed(String value) {
    assertThrows(IllegalArgumentException.class, () -> Digest.parse(value));
    assertFalse(Digest.isValid(value));
  }
}
