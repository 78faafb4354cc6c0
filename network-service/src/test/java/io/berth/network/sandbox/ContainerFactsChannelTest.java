package io.berth.network.sandbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.events.CloudEvent;
import io.berth.events.Envelope;
import io.berth.events.EventCodec;
import io.berth.events.EventData;
import io.berth.events.container.v1.ContainerRemoved;
import io.berth.events.container.v1.ContainerStarted;
import io.berth.events.task.v1.TaskFailed;
import io.berth.testing.BerthInfra;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The release channel end to end through the real broker: one batch channel reads both the
 * container and the task topic, and a record it cannot decode does not stop the facts after it.
 */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class ContainerFactsChannelTest {
  @Inject Pool pool;

  long endpoints(String containerId) {
    return pool.preparedQuery("select count(*) from network.endpoints where container_id = $1")
        .execute(Tuple.of(containerId)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
  }

  static void prepare(String id, String name) {
    given().contentType("application/json").body("{\"containerId\":\"" + id + "\",\"name\":\"" + name
        + "\",\"config\":{},\"hostConfig\":{},\"networkingConfig\":{}}").post("/internal/sandboxes").then().statusCode(200);
  }

  static <T extends EventData> void publish(KafkaProducer<String, byte[]> producer, T data, byte[] payload) throws Exception {
    CloudEvent<T> event = Envelope.of("/test", data);
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.subject(), payload);
    Envelope.headers(event).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
    producer.send(record).get();
  }

  @Test
  void factsOfBothTopicsReleaseAfterAnUndecodableOne() throws Exception {
    String removed = SandboxAllocationTest.newContainerId();
    String failed = SandboxAllocationTest.newContainerId();
    prepare(removed, "via-container-topic");
    prepare(failed, "via-task-topic");
    assertEquals(1, endpoints(removed));
    Properties p = new Properties();
    p.put("bootstrap.servers", BerthInfra.kafkaBootstrap());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      // A fact of another type is skipped unread; a broken fact of a wanted type goes to the dead letters.
      publish(producer, new ContainerStarted(removed, "via-container-topic", "busybox", "node", 1, Instant.now()),
          "{}".getBytes(StandardCharsets.UTF_8));
      publish(producer, new ContainerRemoved(removed, "x", Instant.now()), "not json".getBytes(StandardCharsets.UTF_8));
      Instant later = Instant.now().plusSeconds(1);
      publish(producer, new ContainerRemoved(removed, "via-container-topic", later),
          EventCodec.encode(new ContainerRemoved(removed, "via-container-topic", later)));
      publish(producer, new TaskFailed(failed, "node", "boom", later),
          EventCodec.encode(new TaskFailed(failed, "node", "boom", later)));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> endpoints(removed) == 0 && endpoints(failed) == 0);
  }
}
