package io.berth.container.container;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.events.CeHeaders;
import io.berth.events.EventTypes;
import io.berth.events.Topics;
import io.berth.events.task.v1.TaskExited;
import io.berth.events.task.v1.TaskStarted;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code docker run --rm}: the TaskExited that ends the task removes the record in the same
 * transaction, with every fact and command of a removal in order, its tombstone and its anonymous
 * volume; a redelivered TaskExited changes nothing.
 */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ImageServiceStub.class, scope = TestResourceScope.GLOBAL)
class AutoRemoveFactsTest {
  static final String NODE = ContainerResourceTest.NODE;
  static final String BODY = "{\"Image\":\"busybox:latest\",\"Cmd\":[\"true\"],\"Volumes\":{\"/data\":{}},"
      + "\"HostConfig\":{\"NetworkMode\":\"default\",\"AutoRemove\":true}}";
  static KafkaTestClient kafka;

  @Inject Pool pool;
  @Inject ContainerChangeNotifier notifier;

  @BeforeAll
  static void kafka() {
    kafka = new KafkaTestClient();
  }

  @AfterAll
  static void close() {
    kafka.close();
  }

  @BeforeEach
  void nodeIsAlive() {
    ContainerResourceTest.heartbeat(kafka);
  }

  @Test
  void theExitOfAnAutoRemovedTaskRemovesItWithItsFactsTombstoneAndAnonymousVolume() throws Exception {
    String id = ContainerResourceTest.createWithBody("rm-facts-" + System.nanoTime(), BODY, Duration.ofSeconds(60), kafka);
    String volume = given().get("/containers/" + id + "/json").then().statusCode(200).extract().path("Mounts[0].Name");
    given().get("/volumes/" + volume).then().statusCode(200);
    try (KafkaConsumer<String, byte[]> commands = KafkaTestClient.consumer(Topics.NODE_COMMANDS);
        KafkaConsumer<String, byte[]> facts = KafkaTestClient.consumer(Topics.CONTAINER_EVENTS)) {
      CompletableFuture<Response> start = CompletableFuture.supplyAsync(() -> given().post("/containers/" + id + "/start"));
      // Up to a minute: this may be the JVM's first test, its consumer group joining a loaded broker.
      assertEquals(1, KafkaTestClient.await(commands, id, EventTypes.RUN_CONTAINER.type(), 1, Duration.ofSeconds(60)).size());
      kafka.publishFromNode(NODE, new TaskStarted(id, NODE, 4545, Instant.now()));
      assertEquals(204, start.get(30, TimeUnit.SECONDS).statusCode());
      // A waiter that reads the container after the removal answers from its tombstone.
      CompletableFuture<Response> removed = CompletableFuture.supplyAsync(
          () -> given().queryParam("condition", "removed").post("/containers/" + id + "/wait"));
      await().atMost(Duration.ofSeconds(20)).until(() -> notifier.waiting() > 0);
      var exited = kafka.publishFromNode(NODE, new TaskExited(id, NODE, 3, null, false, Instant.now()));
      Response w = removed.get(20, TimeUnit.SECONDS);
      assertEquals(200, w.statusCode(), w.asString());
      assertEquals(3, w.jsonPath().getInt("StatusCode"));
      given().get("/containers/" + id + "/json").then().statusCode(404);

      assertEquals(List.of(EventTypes.CONTAINER_CREATED.type(), EventTypes.CONTAINER_STARTED.type(),
          EventTypes.CONTAINER_DIED.type(), EventTypes.CONTAINER_REMOVED.type()), types(facts, id, 4));
      // Different keys, so different partitions: Kafka keeps no order between these two...
      assertEquals(Set.of(EventTypes.REMOVE_CONTAINER.type() + " " + id, EventTypes.REMOVE_VOLUME.type() + " " + volume),
          Set.copyOf(typesAndKeys(commands, Set.of(id, volume), 2)));
      // ...but the outbox does: everything in emission order.
      List<String> emitted = new ArrayList<>();
      for (Row r : pool.preparedQuery("select type from container.outbox where subject = any($1) order by sequence")
          .execute(Tuple.of(new String[] {id, volume})).await().atMost(Duration.ofSeconds(10))) {
        emitted.add(r.getString("type"));
      }
      assertEquals(List.of(EventTypes.CONTAINER_CREATED.type(), EventTypes.RUN_CONTAINER.type(),
          EventTypes.CONTAINER_STARTED.type(), EventTypes.CONTAINER_DIED.type(), EventTypes.REMOVE_CONTAINER.type(),
          EventTypes.REMOVE_VOLUME.type(), EventTypes.CONTAINER_REMOVED.type()), emitted);
      given().get("/volumes/" + volume).then().statusCode(404);

      Row tombstone = pool.preparedQuery("select exit_code, start_count from container.tombstones where id = $1")
          .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10)).iterator().next();
      assertEquals(3, tombstone.getInteger("exit_code"));
      assertEquals(1, tombstone.getInteger("start_count"));

      kafka.publish(exited); // redelivered: already applied, nothing more happens
      Thread.sleep(1000);
      assertTrue(types(facts, id, 1).isEmpty(), "a redelivered TaskExited emits nothing");
      assertTrue(typesAndKeys(commands, Set.of(id, volume), 1).isEmpty(), "nor commands");
    }
  }

  /** The types of the next records keyed {@code key}, polling until {@code count} came (2 s for 1, else 20 s). */
  private static List<String> types(KafkaConsumer<String, byte[]> consumer, String key, int count) {
    return typesAndKeys(consumer, Set.of(key), count).stream().map(s -> s.substring(0, s.indexOf(' '))).toList();
  }

  /** "type key" of the next records keyed by one of {@code keys}, in order, as {@link #types}. */
  private static List<String> typesAndKeys(KafkaConsumer<String, byte[]> consumer, Set<String> keys, int count) {
    List<String> found = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(count == 1 ? 2 : 20).toNanos();
    while (found.size() < count && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        if (keys.contains(r.key())) {
          found.add(KafkaTestClient.header(r, CeHeaders.TYPE) + " " + r.key());
        }
      }
    }
    return found;
  }
}
