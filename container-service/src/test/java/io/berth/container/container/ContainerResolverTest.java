package io.berth.container.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerResolverTest {
  static final String A = "abc1" + "0".repeat(60);
  static final String B = "abc2" + "0".repeat(60);

  static ContainerEntity c(String id, String name) {
    ContainerEntity c = new ContainerEntity();
    c.id = id;
    c.name = name;
    return c;
  }

  @Test
  void fullIdThenNameThenUniquePrefix() {
    List<ContainerEntity> all = List.of(c(A, "web"), c(B, "db"));
    assertEquals("web", ContainerResolver.pick(A, all).orElseThrow().name);
    assertEquals("db", ContainerResolver.pick("db", all).orElseThrow().name);
    assertEquals("db", ContainerResolver.pick("/db", all).orElseThrow().name);
    assertEquals("web", ContainerResolver.pick("abc1", all).orElseThrow().name);
    assertTrue(ContainerResolver.pick("fff", all).isEmpty());
  }

  @Test
  void aNameWinsOverAPrefixAndAnAmbiguousPrefixIsAnError() {
    // A container named like another's id prefix: Docker prefers the exact name.
    List<ContainerEntity> all = List.of(c(A, "x1"), c(B, "abc1"));
    assertEquals(B, ContainerResolver.pick("abc1", all).orElseThrow().id);
    assertThrows(ContainerResolver.AmbiguousReferenceException.class,
        () -> ContainerResolver.pick("abc", List.of(c(A, "x1"), c(B, "x2"))));
  }

  @Test
  void onlyLowerHexCanBeAPrefix() {
    assertTrue(ContainerResolver.couldBeIdPrefix("abc123"));
    assertTrue(!ContainerResolver.couldBeIdPrefix("web"));
    assertTrue(!ContainerResolver.couldBeIdPrefix("ABC"));
    assertTrue(!ContainerResolver.couldBeIdPrefix("a%"));
  }
}
