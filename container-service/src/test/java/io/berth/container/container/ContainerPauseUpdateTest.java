package io.berth.container.container;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.events.EventCodec;
import io.berth.events.EventTypes;
import io.berth.events.Topics;
import io.berth.events.container.v1.UpdateContainer;
import io.berth.events.task.v1.TaskExited;
import io.berth.events.task.v1.TaskPaused;
import io.berth.events.task.v1.TaskStarted;
import io.berth.events.task.v1.TaskUnpaused;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docker pause/unpause/update: commands to the node over Kafka, its facts drive the record. */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ImageServiceStub.class, scope = TestResourceScope.GLOBAL)
class ContainerPauseUpdateTest {
  static final String NODE = ContainerResourceTest.NODE;
  static KafkaTestClient kafka;

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

  private String running(KafkaConsumer<String, byte[]> commands, String name) throws Exception {
    // A test JVM on a loaded machine may take a while to join the heartbeat topic's group.
    String id = ContainerResourceTest.create(name, "[\"sleep\",\"300\"]", Duration.ofSeconds(90), kafka);
    nodeIsAlive(); // that wait may have outlasted the node's liveness window
    CompletableFuture<Response> start = CompletableFuture.supplyAsync(() -> given().post("/containers/" + id + "/start"));
    int runs = KafkaTestClient.await(commands, id, EventTypes.RUN_CONTAINER.type(), 1, Duration.ofSeconds(60)).size();
    assertEquals(1, runs, () -> "no RunContainer; start answered " + (start.isDone() ? start.join().asString() : "nothing yet"));
    kafka.publishFromNode(NODE, new TaskStarted(id, NODE, 4242, Instant.now()));
    assertEquals(204, start.get(60, TimeUnit.SECONDS).statusCode());
    return id;
  }

  @Test
  void pauseAndUnpauseFollowTheNodesFacts() throws Exception {
    try (KafkaConsumer<String, byte[]> commands = KafkaTestClient.consumer(Topics.NODE_COMMANDS)) {
      String id = running(commands, "pause-" + System.nanoTime());
      CompletableFuture<Response> pause = CompletableFuture.supplyAsync(() -> given().post("/containers/" + id + "/pause"));
      assertEquals(1, KafkaTestClient.await(commands, id, EventTypes.PAUSE_CONTAINER.type(), 1, Duration.ofSeconds(60)).size());
      kafka.publishFromNode(NODE, new TaskPaused(id, NODE, Instant.now()));
      assertEquals(204, pause.get(60, TimeUnit.SECONDS).statusCode());
      given().get("/containers/" + id + "/json").then()
          .body("State.Status", equalTo("paused")).body("State.Paused", equalTo(true)).body("State.Running", equalTo(true));
      given().get("/containers/json").then().body("find { it.Id == '" + id + "' }.Status", endsWith("(Paused)"));
      given().post("/containers/" + id + "/pause").then().statusCode(409)
          .body("message", equalTo("Container " + id + " is already paused"));
      given().post("/containers/" + id + "/start").then().statusCode(409);

      CompletableFuture<Response> unpause = CompletableFuture.supplyAsync(() -> given().post("/containers/" + id + "/unpause"));
      assertEquals(1, KafkaTestClient.await(commands, id, EventTypes.UNPAUSE_CONTAINER.type(), 1, Duration.ofSeconds(60)).size());
      kafka.publishFromNode(NODE, new TaskUnpaused(id, NODE, Instant.now()));
      assertEquals(204, unpause.get(60, TimeUnit.SECONDS).statusCode());
      given().get("/containers/" + id + "/json").then().body("State.Status", equalTo("running")).body("State.Paused", equalTo(false));
      given().post("/containers/" + id + "/unpause").then().statusCode(409)
          .body("message", equalTo("Container " + id + " is not paused"));

      // A paused task that is killed exits straight from paused.
      CompletableFuture<Response> pauseAgain = CompletableFuture.supplyAsync(() -> given().post("/containers/" + id + "/pause"));
      KafkaTestClient.await(commands, id, EventTypes.PAUSE_CONTAINER.type(), 1, Duration.ofSeconds(60));
      kafka.publishFromNode(NODE, new TaskPaused(id, NODE, Instant.now()));
      assertEquals(204, pauseAgain.get(60, TimeUnit.SECONDS).statusCode());
      kafka.publishFromNode(NODE, new TaskExited(id, NODE, 137, "SIGKILL", false, Instant.now()));
      given().queryParam("condition", "not-running").post("/containers/" + id + "/wait").then().statusCode(200)
          .body("StatusCode", equalTo(137));
      given().get("/containers/" + id + "/json").then().body("State.Status", equalTo("exited"));
      given().post("/containers/" + id + "/pause").then().statusCode(409)
          .body("message", equalTo("Container " + id + " is not running"));
      given().delete("/containers/" + id).then().statusCode(204);
    }
  }

  @Test
  void updateStoresTheLimitsAndSendsThemToTheNode() throws Exception {
    try (KafkaConsumer<String, byte[]> commands = KafkaTestClient.consumer(Topics.NODE_COMMANDS)) {
      String id = running(commands, "upd-" + System.nanoTime());
      // The CLI sends every field; zeros mean "unchanged".
      String body = "{\"Memory\":134217728,\"MemorySwap\":0,\"CpuShares\":0,\"NanoCpus\":500000000,\"PidsLimit\":20,"
          + "\"CpusetCpus\":\"\",\"RestartPolicy\":{\"Name\":\"\",\"MaximumRetryCount\":0}}";
      given().body(body).contentType("application/json").post("/containers/" + id + "/update").then().statusCode(200)
          .body("Warnings", empty());
      given().get("/containers/" + id + "/json").then()
          .body("HostConfig.Memory", equalTo(134217728)).body("HostConfig.NanoCpus", equalTo(500000000))
          .body("HostConfig.PidsLimit", equalTo(20));
      List<ConsumerRecord<String, byte[]>> update =
          KafkaTestClient.await(commands, id, EventTypes.UPDATE_CONTAINER.type(), 1, Duration.ofSeconds(60));
      assertEquals(1, update.size());
      UpdateContainer cmd = EventCodec.decode(KafkaTestClient.headers(update.get(0)), update.get(0).value(), UpdateContainer.class).data();
      assertEquals(134217728L, cmd.resources().memoryBytes());
      assertEquals(500000000L, cmd.resources().nanoCpus());
      assertEquals(20L, cmd.resources().pidsLimit());

      given().body("{\"Memory\":1024}").contentType("application/json").post("/containers/" + id + "/update").then()
          .statusCode(400).body("message", equalTo("Minimum memory limit allowed is 6MB"));
      given().get("/containers/" + id + "/json").then().body("HostConfig.Memory", equalTo(134217728));
      given().body("{}").contentType("application/json").post("/containers/nope-nope/update").then().statusCode(404);
      given().queryParam("force", "1").delete("/containers/" + id).then().statusCode(204);
    }
  }
}
