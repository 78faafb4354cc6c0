package io.berth.image.use;

import io.berth.common.inbox.IdempotentBatchConsumer;
import io.berth.events.EventTypes;
import io.berth.events.container.v1.ContainerCreated;
import io.berth.events.container.v1.ContainerRemoved;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns which containers use which image from container-service's facts (never from its
 * tables), so {@code docker rmi} can refuse to delete an image in use. A Kafka poll is applied in
 * one transaction; other fact types on the topic are skipped unread.
 */
@ApplicationScoped
public class ContainerEventsConsumer {
  public static final String CHANNEL = "container-events";
  // The topic carries every container fact; only these two change what an image is used by.
  private static final Set<String> USES =
      Set.of(EventTypes.CONTAINER_CREATED.type(), EventTypes.CONTAINER_REMOVED.type());

  private final IdempotentBatchConsumer consumer;
  private final ImageUseRepository uses;

  public ContainerEventsConsumer(IdempotentBatchConsumer consumer, ImageUseRepository uses) {
    this.consumer = consumer;
    this.uses = uses;
  }

  @Incoming(CHANNEL)
  public Uni<Void> onFacts(ConsumerRecords<String, byte[]> records) {
    return consumer.consume(records, USES, null, this::apply);
  }

  Uni<Void> apply(SqlConnection conn, List<IdempotentBatchConsumer.Fact> facts) {
    Map<String, String> created = new LinkedHashMap<>();
    Set<String> removed = new LinkedHashSet<>();
    for (IdempotentBatchConsumer.Fact f : facts) {
      if (f.event().data() instanceof ContainerCreated c) {
        created.put(c.containerId(), c.imageDigest());
      } else if (f.event().data() instanceof ContainerRemoved r) {
        removed.add(r.containerId());
      }
    }
    return uses.apply(conn, created, removed);
  }
}
