package io.berth.gateway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimesTest {

  static final Instant NOW = Instant.parse("2026-11-28T04:14:41Z");

  @Test
  void unixSecondsWithAndWithoutFraction() {
    assertEquals(Instant.EPOCH, EventTimes.parse("0", NOW));
    assertEquals(Instant.ofEpochSecond(1795839281), EventTimes.parse("1795839281", NOW));
    assertEquals(Instant.ofEpochSecond(1795839281, 500_000_000), EventTimes.parse("1795839281.5", NOW));
    assertEquals(Instant.ofEpochSecond(1795839281, 798175522), EventTimes.parse("1795839281.798175522", NOW));
  }

  @Test
  void rfc3339AndDates() {
    assertEquals(Instant.parse("2026-11-28T04:14:26.798175522Z"), EventTimes.parse("2026-11-28T04:14:26.798175522Z", NOW));
    assertEquals(Instant.parse("2026-11-28T03:14:26Z"), EventTimes.parse("2026-11-28T04:14:26+01:00", NOW));
    assertEquals(Instant.parse("2026-11-28T00:00:00Z"), EventTimes.parse("2026-11-28", NOW));
  }

  @Test
  void goDurationsCountBackFromNow() {
    assertEquals(NOW.minusSeconds(600), EventTimes.parse("10m", NOW));
    assertEquals(NOW.minusSeconds(5400), EventTimes.parse("1.5h", NOW));
  }

  @Test
  void emptyIsAbsentAndGarbageIsRejected() {
    assertNull(EventTimes.parse("", NOW));
    assertNull(EventTimes.parse(null, NOW));
    assertThrows(IllegalArgumentException.class, () -> EventTimes.parse("yesterday", NOW));
  }
}
