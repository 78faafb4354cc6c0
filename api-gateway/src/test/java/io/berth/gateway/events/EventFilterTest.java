package io.berth.gateway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFilterTest {

  static final DockerEvent DIE =
      new DockerEvent("container", "die", "3a2e7259fb10abc",
          Map.of("image", "registry:5000/app:1.0", "name", "web", "tier", "front", "exitCode", "0"),
          Instant.EPOCH);
  static final DockerEvent IMPORT =
      new DockerEvent("image", "import", "sha256:f382", Map.of("name", "imp:latest"), Instant.EPOCH);

  static boolean m(String json, DockerEvent e) {
    return EventFilter.parse(json).matches(e);
  }

  @Test
  void noFiltersMatchEverything() {
    assertTrue(EventFilter.parse(null).matches(DIE));
    assertTrue(m("{}", IMPORT));
  }

  @Test
  void typeAndEventAcceptBothJsonForms() {
    assertTrue(m("{\"type\":{\"container\":true}}", DIE));
    assertFalse(m("{\"type\":{\"container\":true}}", IMPORT));
    assertTrue(m("{\"type\":[\"image\"]}", IMPORT));
    assertTrue(m("{\"event\":{\"die\":true,\"start\":true}}", DIE));
    assertFalse(m("{\"event\":{\"start\":true}}", DIE));
  }

  @Test
  void containerMatchesIdPrefixOrName() {
    assertTrue(m("{\"container\":{\"3a2e\":true}}", DIE));
    assertTrue(m("{\"container\":{\"web\":true}}", DIE));
    assertFalse(m("{\"container\":{\"db\":true}}", DIE));
  }

  @Test
  void imageMatchesWithOrWithoutTag() {
    assertTrue(m("{\"image\":{\"registry:5000/app:1.0\":true}}", DIE));
    assertTrue(m("{\"image\":{\"registry:5000/app\":true}}", DIE));
    assertFalse(m("{\"image\":{\"registry:5000/other\":true}}", DIE));
    assertTrue(m("{\"image\":{\"imp\":true}}", IMPORT));
    assertTrue(m("{\"image\":{\"sha256:f382\":true}}", IMPORT));
  }

  @Test
  void everyLabelMustHold() {
    assertTrue(m("{\"label\":{\"tier\":true}}", DIE));
    assertTrue(m("{\"label\":{\"tier=front\":true}}", DIE));
    assertFalse(m("{\"label\":{\"tier=back\":true}}", DIE));
    assertFalse(m("{\"label\":{\"tier\":true,\"team\":true}}", DIE));
  }

  @Test
  void keysCombineWithAnd() {
    assertTrue(m("{\"type\":[\"container\"],\"event\":[\"die\"],\"container\":[\"web\"]}", DIE));
    assertFalse(m("{\"type\":[\"container\"],\"event\":[\"die\"],\"container\":[\"db\"]}", DIE));
  }

  @Test
  void malformedFiltersAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> EventFilter.parse("{nope"));
    assertThrows(IllegalArgumentException.class, () -> EventFilter.parse("{\"type\":\"container\"}"));
  }

  @Test
  void stripTagKeepsRegistryPorts() {
    assertEquals("registry:5000/app", EventFilter.stripTag("registry:5000/app:1.0"));
    assertEquals("registry:5000/app", EventFilter.stripTag("registry:5000/app"));
    assertEquals("app", EventFilter.stripTag("app@sha256:abc"));
  }
}
