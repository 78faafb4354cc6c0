package io.berth.common.inbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.berth.common.testapp.TestDb;
import io.berth.common.testapp.TestKafka;
import io.berth.events.CloudEvent;
import io.berth.events.EventCodec;
import io.berth.events.Envelope;
import io.berth.events.Sources;
import io.berth.events.Topics;
import io.berth.events.container.v1.ContainerRemoved;
import io.berth.events.container.v1.ContainerStarted;
import io.berth.events.task.v1.TaskExited;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Consumption through real Kafka: duplicates handled once, poison messages dead-lettered. */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class IdempotentConsumerTest {

  private static String newContainerId() {
    return UUID.randomUUID().toString().replace("-", "").repeat(2);
  }

  private static CloudEvent<TaskExited> exited(String containerId) {
    return Envelope.of(Sources.node("node-1"),
        new TaskExited(containerId, "node-1", 0, null, false, Instant.now()));
  }

  private static void publish(CloudEvent<TaskExited> event) {
    TestKafka.send(Topics.TASK_EVENTS, event.subject(), Envelope.headers(event), EventCodec.encode(event.data()));
  }

  private static long handled(CloudEvent<?> event) {
    return TestDb.count("select count(*) from common_test.widget where name = ?", "event-" + event.id());
  }

  @Test
  void aRedeliveredEventIsHandledOnce() {
    String containerId = newContainerId();
    CloudEvent<TaskExited> first = exited(containerId);
    CloudEvent<TaskExited> marker = exited(containerId);
    publish(first);
    publish(first); // the redelivery: same source and id
    publish(marker); // same key, so same partition: handled after both copies of `first`

    await().atMost(Duration.ofSeconds(20)).until(() -> handled(marker) == 1);
    assertEquals(1, handled(first));
    assertEquals(1, TestDb.count(
        "select count(*) from common_test.processed_event where source = ? and id = ?",
        first.source(), first.id()));
  }

  @Test
  void aTypeFilteredConsumerSkipsOtherTypesWithoutATransaction() {
    String containerId = newContainerId();
    CloudEvent<ContainerStarted> started = Envelope.of(Sources.service("container-service"),
        new ContainerStarted(containerId, "/c", "busybox", "node-1", 42, Instant.now()));
    CloudEvent<ContainerRemoved> removed = Envelope.of(Sources.service("container-service"),
        new ContainerRemoved(containerId, "/c", Instant.now()));
    // Same key, same partition: the removal is consumed after the start.
    TestKafka.send(Topics.CONTAINER_EVENTS, containerId, Envelope.headers(started), EventCodec.encode(started.data()));
    TestKafka.send(Topics.CONTAINER_EVENTS, containerId, Envelope.headers(removed), EventCodec.encode(removed.data()));

    await().atMost(Duration.ofSeconds(20)).until(() -> handled(removed) == 1);
    assertEquals(0, handled(started), "a type outside the filter is not handled");
    assertEquals(0, TestDb.count(
        "select count(*) from common_test.processed_event where source = ? and id = ?",
        started.source(), started.id()), "and leaves no dedupe row");
  }

  @Test
  void poisonMessagesGoToTheDeadLetterTopicWithTheError() {
    String garbageKey = newContainerId();
    Map<String, String> headers = new HashMap<>(Envelope.headers(exited(garbageKey)));
    TestKafka.send(Topics.TASK_EVENTS, garbageKey, headers, "{not json".getBytes(StandardCharsets.UTF_8));

    String unknownKey = newContainerId();
    Map<String, String> unknown = new HashMap<>(Envelope.headers(exited(unknownKey)));
    unknown.put("ce_type", "io.berth.task.teleported.v1");
    TestKafka.send(Topics.TASK_EVENTS, unknownKey, unknown, "{}".getBytes(StandardCharsets.UTF_8));

    String noHeadersKey = newContainerId();
    TestKafka.send(Topics.TASK_EVENTS, noHeadersKey, Map.of(), "hello".getBytes(StandardCharsets.UTF_8));

    List<ConsumerRecord<String, byte[]>> dead = TestKafka.find(Topics.DEAD_LETTER,
        r -> List.of(garbageKey, unknownKey, noHeadersKey).contains(r.key()), 3, Duration.ofSeconds(20));
    assertEquals(3, dead.size(), "all three poison messages dead-lettered");
    for (ConsumerRecord<String, byte[]> r : dead) {
      String reason = TestKafka.header(r, "dead-letter-reason");
      assertNotNull(reason, "dead-letter-reason header");
      assertEquals(Topics.TASK_EVENTS, TestKafka.header(r, "dead-letter-topic"));
      if (r.key().equals(unknownKey)) {
        assertEquals("io.berth.task.teleported.v1", TestKafka.header(r, "ce_type"), "original headers kept");
        org.junit.jupiter.api.Assertions.assertTrue(reason.contains("io.berth.task.teleported.v1"), reason);
      }
      if (r.key().equals(garbageKey)) {
        assertEquals("{not json", new String(r.value(), StandardCharsets.UTF_8), "payload kept byte for byte");
      }
    }
  }
}
