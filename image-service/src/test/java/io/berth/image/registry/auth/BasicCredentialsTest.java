package io.berth.image.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

  private static String basic(String pair) {
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void splitsAtTheFirstColon() {
    assertEquals(Optional.of(new BasicCredentials("ci", "berth_a:b")), BasicCredentials.parse(basic("ci:berth_a:b")));
  }

  @Test
  void anEmptyPairIsNoCredentials() {
    assertTrue(BasicCredentials.parse(basic(":")).orElseThrow().empty());
    assertEquals(Optional.empty(), BasicCredentials.parse(null));
    assertEquals(Optional.empty(), BasicCredentials.parse("Bearer x"));
  }

  @Test
  void garbageIsPresentButUnusable() {
    BasicCredentials c = BasicCredentials.parse("Basic !!!").orElseThrow();
    assertEquals("", c.password());
  }
}
