package io.berth.container.container;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A waiter answers from the state a local commit hands over, without reading the row again; woken
 * without one, it reads. The container here has no row and no tombstone, so a read can never
 * satisfy the condition: only a handed-over state can.
 */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ImageServiceStub.class, scope = TestResourceScope.GLOBAL)
class ContainerWaiterTest {
  @Inject ContainerWaiter waiter;
  @Inject ContainerChangeNotifier notifier;

  @Test
  void answersFromTheCommittedStateAWakeUpCarries() throws Exception {
    String id = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    CompletableFuture<Integer> started = waitForFirstStart(id);
    await().atMost(Duration.ofSeconds(30)).until(() -> notifier.waiting() > 0);

    notifier.changed(id); // no state: the waiter reads, finds nothing, and waits on
    await().atMost(Duration.ofSeconds(10)).until(() -> notifier.waiting() > 0);
    assertFalse(started.isDone());

    ContainerEntity committed = new ContainerEntity();
    committed.id = id;
    committed.state = ContainerState.RUNNING;
    committed.startCount = 1;
    notifier.changed(id, new ContainerWaiter.Observation(committed, null));
    assertEquals(1, started.get(10, TimeUnit.SECONDS));
  }

  private CompletableFuture<Integer> waitForFirstStart(String id) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return VertxContextSupport.subscribeAndAwait(() -> waiter.until(id,
            obs -> !obs.removed() && obs.container().startCount == 1
                ? Optional.of(obs.container().startCount) : Optional.<Integer>empty(),
            Duration.ofSeconds(60), () -> new IllegalStateException("timed out")));
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
