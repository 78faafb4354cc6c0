package io.berth.common.inbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.common.testapp.TestDb;
import io.berth.common.testapp.TestKafka;
import io.berth.events.CloudEvent;
import io.berth.events.EventCodec;
import io.berth.events.Envelope;
import io.berth.events.Sources;
import io.berth.events.Topics;
import io.berth.events.network.v1.NetworkCreated;
import io.berth.events.network.v1.NetworkRemoved;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A whole poll per transaction, through real Kafka and PostgreSQL (the BatchRecorder test app). */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class IdempotentBatchConsumerTest {

  private static CloudEvent<NetworkCreated> created(String networkId) {
    return Envelope.of(Sources.service("network-service"), new NetworkCreated(networkId, "n", "bridge", null, Instant.now()));
  }

  private static void publish(CloudEvent<?> event) {
    TestKafka.send(Topics.NETWORK_EVENTS, event.subject(), Envelope.headers(event), EventCodec.encode(event.data()));
  }

  private static long handled(CloudEvent<?> event) {
    return TestDb.count("select count(*) from common_test.widget where name = ?", "batch-" + event.id());
  }

  private static long deduped(CloudEvent<?> event) {
    return TestDb.count("select count(*) from common_test.processed_event where source = ? and id = ?",
        event.source(), event.id());
  }

  @Test
  void duplicatesAreHandledOnceOtherTypesSkippedAndPoisonDeadLettered() {
    String networkId = UUID.randomUUID().toString();
    CloudEvent<NetworkCreated> first = created(networkId);
    CloudEvent<NetworkRemoved> other = Envelope.of(Sources.service("network-service"), new NetworkRemoved(networkId, "n", "bridge", Instant.now()));
    CloudEvent<NetworkCreated> marker = created(networkId);
    // Same key, same partition: consumed in this order, in one poll or several.
    publish(first);
    publish(first); // the redelivery: same source and id
    publish(other);
    Map<String, String> poison = Envelope.headers(created(networkId));
    TestKafka.send(Topics.NETWORK_EVENTS, networkId, poison, "{not json".getBytes(StandardCharsets.UTF_8));
    publish(marker);

    await().atMost(Duration.ofSeconds(20)).until(() -> handled(marker) == 1);
    assertEquals(1, handled(first), "a redelivered fact is handled once");
    assertEquals(1, deduped(first));
    assertEquals(0, deduped(other), "a type outside the filter leaves no dedupe row");
    List<ConsumerRecord<String, byte[]>> dead = TestKafka.find(Topics.DEAD_LETTER,
        r -> networkId.equals(r.key()), 1, Duration.ofSeconds(20));
    assertEquals(1, dead.size(), "the undecodable record, and only it, dead-lettered");
    assertEquals("{not json", new String(dead.get(0).value(), StandardCharsets.UTF_8));
    assertEquals(Topics.NETWORK_EVENTS, TestKafka.header(dead.get(0), "dead-letter-topic"));
  }
}
