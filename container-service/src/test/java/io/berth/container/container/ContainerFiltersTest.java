package io.berth.container.container;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerFiltersTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static ContainerEntity web() {
    ContainerEntity c = new ContainerEntity();
    c.id = "abcdef" + "0".repeat(58);
    c.name = "web-1";
    c.image = "busybox:latest";
    c.imageId = "sha256:f382fb0bc85902e796da67772004b5a5c88982c44869bfab388acef67f2cd774";
    c.state = ContainerState.EXITED;
    return c;
  }

  static boolean matches(String filters) {
    return ContainerFilters.parse(filters, JSON).matches(web(), Map.of("app", "web", "tier", "front"));
  }

  @Test
  void acceptsBothWireForms() {
    assertTrue(matches("{\"status\":{\"exited\":true}}"));
    assertTrue(matches("{\"status\":[\"exited\"]}"));
    assertFalse(matches("{\"status\":{\"running\":true}}"));
    assertTrue(matches("{\"status\":{\"running\":true,\"exited\":true}}"));
    assertTrue(matches(null));
  }

  @Test
  void nameIdLabelAncestor() {
    assertTrue(matches("{\"name\":[\"web\"]}"));
    assertTrue(matches("{\"name\":[\"^/web-1$\"]}"));
    assertFalse(matches("{\"name\":[\"db\"]}"));
    assertTrue(matches("{\"id\":[\"abcdef\"]}"));
    assertFalse(matches("{\"id\":[\"bcdef\"]}"));
    assertTrue(matches("{\"label\":[\"app\"]}"));
    assertTrue(matches("{\"label\":[\"app=web\",\"tier=front\"]}"));
    assertFalse(matches("{\"label\":[\"app=web\",\"tier=back\"]}"));
    assertTrue(matches("{\"ancestor\":[\"busybox\"]}"));
    assertTrue(matches("{\"ancestor\":[\"busybox:latest\"]}"));
    assertTrue(matches("{\"ancestor\":[\"f382fb0bc859\"]}"));
    assertFalse(matches("{\"ancestor\":[\"alpine\"]}"));
  }

  @Test
  void rejectsUnknownFiltersAndGarbage() {
    assertThrows(IllegalArgumentException.class, () -> matches("{\"colour\":[\"red\"]}"));
    assertThrows(IllegalArgumentException.class, () -> matches("{\"status\":[\"sleepy\"]}"));
    assertThrows(IllegalArgumentException.class, () -> matches("{not json"));
  }
}
