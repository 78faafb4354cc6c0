package io.berth.container.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContainerStatusTextTest {
  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  @Test
  void statusColumnLikeDockerPs() {
    ContainerEntity c = new ContainerEntity();
    c.state = ContainerState.CREATED;
    assertEquals("Created", ContainerStatusText.of(c, NOW));
    c.state = ContainerState.RUNNING;
    c.startedAt = NOW.minusSeconds(3);
    assertEquals("Up 3 seconds", ContainerStatusText.of(c, NOW));
    c.startedAt = NOW.minusMillis(200);
    assertEquals("Up Less than a second", ContainerStatusText.of(c, NOW));
    c.state = ContainerState.EXITED;
    c.exitCode = 137;
    c.finishedAt = NOW.minusSeconds(5);
    assertEquals("Exited (137) 5 seconds ago", ContainerStatusText.of(c, NOW));
  }

  @Test
  void humanDurations() {
    assertEquals("1 second", ContainerStatusText.humanDuration(Duration.ofSeconds(1)));
    assertEquals("About a minute", ContainerStatusText.humanDuration(Duration.ofSeconds(90)));
    assertEquals("5 minutes", ContainerStatusText.humanDuration(Duration.ofMinutes(5)));
    assertEquals("About an hour", ContainerStatusText.humanDuration(Duration.ofMinutes(70)));
    assertEquals("3 hours", ContainerStatusText.humanDuration(Duration.ofHours(3)));
    assertEquals("3 days", ContainerStatusText.humanDuration(Duration.ofDays(3)));
    assertEquals("3 weeks", ContainerStatusText.humanDuration(Duration.ofDays(21)));
    assertEquals("3 months", ContainerStatusText.humanDuration(Duration.ofDays(95)));
    assertEquals("2 years", ContainerStatusText.humanDuration(Duration.ofDays(800)));
  }
}
