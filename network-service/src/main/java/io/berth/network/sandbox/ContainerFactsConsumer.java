package io.berth.network.sandbox;

import io.berth.common.inbox.IdempotentBatchConsumer;
import io.berth.events.EventTypes;
import io.berth.events.container.v1.ContainerDied;
import io.berth.events.container.v1.ContainerRemoved;
import io.berth.events.task.v1.TaskFailed;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Releases a container's endpoints and ports when it stops being wired: it died, was removed, or
 * its start failed on the node. Only what was allocated before the fact is released, so a late
 * fact of an earlier run never takes the addresses of a newer start. One channel reads both
 * topics, and a whole poll is released in one statement with its dedupe rows
 * ({@link SandboxStore#releaseOnce}): these facts arrive while the next {@code docker run} starts.
 */
@ApplicationScoped
public class ContainerFactsConsumer {
  public static final String CHANNEL = "container-facts";
  // Only the facts that end a wiring; the topics carry several more per container run.
  static final Set<String> RELEASING = Set.of(
      EventTypes.CONTAINER_DIED.type(), EventTypes.TASK_FAILED.type(), EventTypes.CONTAINER_REMOVED.type());

  private final IdempotentBatchConsumer consumer;
  private final SandboxStore store;

  public ContainerFactsConsumer(IdempotentBatchConsumer consumer, SandboxStore store) {
    this.consumer = consumer;
    this.store = store;
  }

  @Incoming(CHANNEL)
  public Uni<Void> onFacts(ConsumerRecords<String, byte[]> records) {
    return consumer.consumeInOneStatement(records, RELEASING, null, this::apply);
  }

  Uni<Void> apply(List<IdempotentBatchConsumer.Fact> facts) {
    List<SandboxStore.Release> releases = new ArrayList<>();
    for (IdempotentBatchConsumer.Fact f : facts) {
      releases.add(release(f));
    }
    return store.releaseOnce(facts, releases).replaceWithVoid();
  }

  // A fact without a container (none of these types) releases nothing: an empty container id matches no row.
  static SandboxStore.Release release(IdempotentBatchConsumer.Fact f) {
    Instant at = f.event().time() != null ? f.event().time() : f.recordTime();
    Object data = f.event().data();
    if (data instanceof ContainerDied d) {
      return new SandboxStore.Release(d.containerId(), at, false);
    }
    if (data instanceof TaskFailed t) {
      return new SandboxStore.Release(t.containerId(), at, false);
    }
    if (data instanceof ContainerRemoved r) {
      return new SandboxStore.Release(r.containerId(), at, true);
    }
    return new SandboxStore.Release("", at, false);
  }
}
