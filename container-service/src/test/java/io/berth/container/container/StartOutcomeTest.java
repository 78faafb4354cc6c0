package io.berth.container.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a start request concludes from what its waiter reads. */
class StartOutcomeTest {
  static final ContainerLifecycleService.Sent SENT = new ContainerLifecycleService.Sent("c1", 2, 1, 0);

  static ContainerTombstone tombstone(int startCount, String error) {
    ContainerTombstone t = new ContainerTombstone();
    t.id = "c1";
    t.name = "/c1";
    t.startCount = startCount;
    t.error = error;
    t.removedAt = Instant.now();
    return t;
  }

  @Test
  void aContainerRemovedAfterItStartedWasStarted() {
    // --rm of a task that ended at once: started, exited and removed before the waiter looked.
    assertEquals(Optional.of(true),
        ContainerLifecycleService.startOutcome(new ContainerWaiter.Observation(null, tombstone(3, null)), SENT));
  }

  @Test
  void aContainerRemovedBeforeItStartedFailsTheStart() {
    assertThrows(StartFailure.class,
        () -> ContainerLifecycleService.startOutcome(new ContainerWaiter.Observation(null, tombstone(2, null)), SENT));
    assertThrows(StartFailure.class,
        () -> ContainerLifecycleService.startOutcome(new ContainerWaiter.Observation(null, null), SENT));
  }

  @Test
  void aRunningRowDecidesByItsCounters() {
    ContainerEntity c = new ContainerEntity();
    c.startCount = 2;
    assertEquals(Optional.empty(), ContainerLifecycleService.startOutcome(new ContainerWaiter.Observation(c, null), SENT));
    c.startCount = 3;
    assertEquals(Optional.of(true), ContainerLifecycleService.startOutcome(new ContainerWaiter.Observation(c, null), SENT));
  }
}
