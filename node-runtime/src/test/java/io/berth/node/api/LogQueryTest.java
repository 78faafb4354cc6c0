package io.berth.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.node.task.LogEntry;
import io.vertx.core.MultiMap;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogQueryTest {
  private static final Instant T = Instant.parse("2026-11-28T06:00:00Z");

  @Test
  void parsesWhatTheDockerCliSends() {
    LogQuery q = LogQuery.parse(MultiMap.caseInsensitiveMultiMap()
        .add("stdout", "1").add("stderr", "1").add("tail", "1").add("timestamps", "1")
        .add("since", "1795845600.5").add("until", "2026-11-28T07:00:00Z"));
    assertTrue(q.stdout() && q.stderr() && q.timestamps());
    assertFalse(q.follow());
    assertEquals(1, q.tail());
    assertEquals(Instant.ofEpochSecond(1795845600L, 500_000_000), q.since());
    assertEquals(Instant.parse("2026-11-28T07:00:00Z"), q.until());
  }

  @Test
  void tailAllAndZeroSinceMeanEverything() {
    LogQuery q = LogQuery.parse(MultiMap.caseInsensitiveMultiMap().add("tail", "all").add("since", "0"));
    assertEquals(LogQuery.ALL, q.tail());
    assertNull(q.since());
    assertThrows(IllegalArgumentException.class,
        () -> LogQuery.parse(MultiMap.caseInsensitiveMultiMap().add("tail", "many")));
  }

  @Test
  void selectsByStreamAndTimeWindow() {
    LogQuery stderrOnly = new LogQuery(false, true, false, false, LogQuery.ALL, T, T.plusSeconds(10));
    assertTrue(stderrOnly.wants(new LogEntry(T.plusSeconds(1), LogEntry.Stream.STDERR, "x")));
    assertFalse(stderrOnly.wants(new LogEntry(T.plusSeconds(1), LogEntry.Stream.STDOUT, "x")));
    assertFalse(stderrOnly.wants(new LogEntry(T.minusSeconds(1), LogEntry.Stream.STDERR, "x")));
    assertFalse(stderrOnly.wants(new LogEntry(T.plusSeconds(11), LogEntry.Stream.STDERR, "x")));
  }
}
