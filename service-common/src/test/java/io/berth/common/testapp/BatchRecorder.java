package io.berth.common.testapp;

import io.berth.common.inbox.IdempotentBatchConsumer;
import io.berth.events.EventTypes;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Test-only batch consumer of one network fact type: records each NetworkCreated as a widget named
 * "batch-" + event id, in one statement per poll, as a service's batch consumer writes its state.
 */
@ApplicationScoped
public class BatchRecorder {
  private final IdempotentBatchConsumer consumer;

  public BatchRecorder(IdempotentBatchConsumer consumer) {
    this.consumer = consumer;
  }

  @Incoming("test-batch")
  public Uni<Void> onFacts(ConsumerRecords<String, byte[]> records) {
    return consumer.consume(records, Set.of(EventTypes.NETWORK_CREATED.type()), null, (conn, fresh) -> conn
        .preparedQuery("insert into common_test.widget (id, name) select gen_random_uuid(), n from unnest($1::text[]) as u(n)")
        .execute(Tuple.of((Object) fresh.stream().map(f -> "batch-" + f.event().id()).toArray(String[]::new)))
        .replaceWith((Void) null));
  }
}
