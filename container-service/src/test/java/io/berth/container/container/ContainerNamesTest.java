package io.berth.container.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ContainerNamesTest {

  @Test
  void validatesLikeDocker() {
    assertTrue(ContainerNames.isValid("web"));
    assertTrue(ContainerNames.isValid("/web-1.a_b"));
    assertTrue(ContainerNames.isValid("s")); // dockerd wants two characters; we accept one
    assertFalse(ContainerNames.isValid("-web"));
    assertFalse(ContainerNames.isValid("we b"));
    assertFalse(ContainerNames.isValid("web/x"));
    assertFalse(ContainerNames.isValid(""));
    assertEquals("web", ContainerNames.normalize("/web"));
  }

  @Test
  void generatesValidAdjectiveSurnameNames() {
    for (int i = 0; i < 200; i++) {
      String name = ContainerNames.generate(i % 3);
      assertTrue(ContainerNames.isValid(name), name);
      assertTrue(name.matches("[a-z]+_[a-z_]+[0-9]?"), name);
    }
  }

  @Test
  void idsAre64HexAndNotAllDigitsUpFront() {
    for (int i = 0; i < 100; i++) {
      String id = ContainerIds.newId();
      assertTrue(ContainerIds.FULL.matcher(id).matches(), id);
      assertFalse(id.substring(0, 12).chars().allMatch(Character::isDigit), id);
      assertEquals(12, ContainerIds.shortId(id).length());
    }
  }
}
