package io.berth.launcher.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesUpToTheCap() {
    Backoff b = Backoff.standard();
    List<Long> seconds = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      seconds.add(b.next(Duration.ofSeconds(2)).toSeconds());
    }
    assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L), seconds);
  }

  @Test
  void resetsAfterAComponentStayedUp() {
    Backoff b = Backoff.standard();
    b.next(Duration.ZERO);
    b.next(Duration.ZERO);
    assertEquals(Duration.ofSeconds(4), b.next(Duration.ofSeconds(5)));
    assertEquals(Duration.ofSeconds(1), b.next(Duration.ofMinutes(5)));
    assertEquals(1, b.failures());
  }
}
