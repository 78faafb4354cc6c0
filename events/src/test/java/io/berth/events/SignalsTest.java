package io.berth.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SignalsTest {
  @Test
  void namesAndNumbers() {
    assertEquals("SIGKILL", Signals.normalize(null));
    assertEquals("SIGTERM", Signals.normalize("TERM"));
    assertEquals("SIGTERM", Signals.normalize("sigterm"));
    assertEquals("SIGTERM", Signals.normalize("15"));
    assertEquals("SIGHUP", Signals.normalize("1"));
    assertEquals("40", Signals.normalize("40"));
    assertThrows(IllegalArgumentException.class, () -> Signals.normalize("SIGFOO"));
    assertThrows(IllegalArgumentException.class, () -> Signals.normalize("0"));
    assertThrows(IllegalArgumentException.class, () -> Signals.normalize("99"));
  }

  @Test
  void namesAndNumbersConvertBothWays() {
    assertEquals(15, Signals.number("SIGTERM"));
    assertEquals(9, Signals.number("KILL"));
    assertEquals(40, Signals.number("40"));
    assertEquals("SIGKILL", Signals.name(9));
    assertThrows(IllegalArgumentException.class, () -> Signals.number("SIGFOO"));
  }
}
