package io.berth.container.container;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.events.EventCodec;
import io.berth.events.EventTypes;
import io.berth.events.Topics;
import io.berth.events.container.v1.RunContainer;
import io.berth.events.node.v1.NodeCapacity;
import io.berth.events.node.v1.NodeHeartbeat;
import io.berth.events.task.v1.TaskExited;
import io.berth.events.task.v1.TaskFailed;
import io.berth.events.task.v1.TaskStarted;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
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

/** The container API against real PostgreSQL and Kafka, with node-runtime played by the test. */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ImageServiceStub.class, scope = TestResourceScope.GLOBAL)
class ContainerResourceTest {
  static final String NODE = "node-test";
  static final String CREATE_BODY = "{\"Image\":\"busybox:latest\",\"Cmd\":%s,\"Labels\":{\"app\":\"t\"},"
      + "\"HostConfig\":{\"NetworkMode\":\"default\",\"AutoRemove\":false}}";

  static KafkaTestClient kafka;

  @BeforeAll
  static void kafka() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    kafka = new KafkaTestClient();
  }

  @AfterAll
  static void close() {
    kafka.close();
  }

  @BeforeEach
  void nodeIsAlive() {
    heartbeat(kafka);
  }

  static void heartbeat(KafkaTestClient client) {
    client.publishFromNode(NODE, new NodeHeartbeat(NODE, "http://127.0.0.1:18084", new NodeCapacity(2, 1L << 30), 0, Instant.now()));
  }

  static String create(String name, String cmdJson) {
    return create(name, cmdJson, Duration.ofSeconds(60), kafka);
  }

  /**
   * Creates a container, retrying while container-service answers 503 (no live node yet): the
   * service may join the heartbeat topic late on a loaded machine, so the node keeps beating
   * every 2 s meanwhile, as a real node does, and never drops out of the liveness window.
   */
  static String create(String name, String cmdJson, Duration nodeWait, KafkaTestClient heartbeats) {
    return createWithBody(name, String.format(CREATE_BODY, cmdJson), nodeWait, heartbeats);
  }

  static String createWithBody(String name, String body, Duration nodeWait, KafkaTestClient heartbeats) {
    String[] id = new String[1];
    long[] lastBeat = {System.nanoTime()};
    await().atMost(nodeWait).pollInterval(Duration.ofMillis(100)).until(() -> {
      Response r = given().body(body).contentType("application/json")
          .queryParam("name", name).post("/containers/create");
      if (r.statusCode() == 201) {
        id[0] = r.jsonPath().getString("Id");
        return true;
      }
      assertEquals(503, r.statusCode(), r.asString());
      if (System.nanoTime() - lastBeat[0] > 2_000_000_000L) {
        heartbeat(heartbeats);
        lastBeat[0] = System.nanoTime();
      }
      return false;
    });
    return id[0];
  }

  @Test
  void theCreateAnswerSaysWhereTheContainerIsForTheGateway() {
    create("located-" + System.nanoTime(), "null"); // waits until the node is live
    Response r = given().body(String.format(CREATE_BODY, "null")).contentType("application/json")
        .post("/containers/create");
    assertEquals(201, r.statusCode(), r.asString());
    io.restassured.path.json.JsonPath location = new io.restassured.path.json.JsonPath(r.header(ContainerResource.LOCATION_HEADER));
    assertEquals(r.jsonPath().getString("Id"), location.getString("id"));
    assertEquals("created", location.getString("state"));
    assertEquals(NODE, location.getString("nodeId"));
    assertEquals("http://127.0.0.1:18084", location.getString("nodeAddress"));
    given().get("/internal/containers/" + location.getString("id")).then().statusCode(200)
        .body("name", equalTo(location.getString("name")))
        .body("imageDigest", equalTo(location.getString("imageDigest")));
  }

  @Test
  void createInspectAndList() {
    String id = create("web-" + System.nanoTime(), "null");
    assertEquals(64, id.length());
    given().get("/containers/" + id.substring(0, 10) + "/json").then().statusCode(200)
        .body("Id", equalTo(id))
        .body("State.Status", equalTo("created"))
        .body("State.Running", equalTo(false))
        .body("State.StartedAt", equalTo("0001-01-01T00:00:00Z"))
        .body("Image", equalTo(ImageServiceStub.IMAGE_ID))
        .body("Path", equalTo("sh")) // Cmd from the image
        .body("Config.Env", hasItem("PATH=/usr/bin:/bin"))
        .body("Config.Labels.app", equalTo("t"))
        .body("Config.Labels.'org.example.base'", equalTo("busybox"))
        .body("Config.Hostname", equalTo(id.substring(0, 12)))
        .body("HostConfig.NetworkMode", equalTo("default"))
        .body("Name", startsWith("/web-"));
    given().queryParam("all", "1").get("/containers/json").then().statusCode(200)
        .body("find { it.Id == '" + id + "' }.Status", equalTo("Created"))
        .body("find { it.Id == '" + id + "' }.Command", equalTo("sh"))
        .body("find { it.Id == '" + id + "' }.Names[0]", startsWith("/web-"));
    given().get("/containers/json").then().statusCode(200).body("Id", not(hasItem(id)));
    given().queryParam("filters", "{\"status\":{\"created\":true},\"label\":[\"app=t\"]}")
        .get("/containers/json").then().statusCode(200).body("Id", hasItem(id));
    given().get("/internal/containers/" + id).then().statusCode(200)
        .body("nodeId", equalTo(NODE)).body("nodeAddress", equalTo("http://127.0.0.1:18084"))
        .body("state", equalTo("created"));
    // wait not-running answers at once for a created container
    given().post("/containers/" + id + "/wait").then().statusCode(200).body("StatusCode", equalTo(0));
  }

  @Test
  void errorsAreDockers() {
    String name = "dup-" + System.nanoTime();
    String id = create(name, "[\"true\"]");
    given().body(String.format(CREATE_BODY, "null")).contentType("application/json").queryParam("name", name)
        .post("/containers/create").then().statusCode(409)
        .body("message", equalTo("Conflict. The container name \"/" + name + "\" is already in use by container \""
            + id + "\". You have to remove (or rename) that container to be able to reuse that name."));
    given().body("{\"Image\": ").contentType("application/json").post("/containers/create")
        .then().statusCode(400).body("message", startsWith("malformed JSON"));
    given().body("{\"Image\":\"nope:1\"}").contentType("application/json").post("/containers/create")
        .then().statusCode(404).body("message", equalTo("No such image: nope:1"));
    given().body("{\"Image\":\"busybox\"}").contentType("application/json").queryParam("name", "-bad")
        .post("/containers/create").then().statusCode(400);
    given().body("{\"Image\":\"busybox\",\"HostConfig\":{\"Memory\":1024}}").contentType("application/json")
        .post("/containers/create").then().statusCode(400).body("message", equalTo("Minimum memory limit allowed is 6MB"));
    given().body("{\"Image\":\"busybox\",\"HostConfig\":{\"CapAdd\":[\"NOPE\"]}}").contentType("application/json")
        .post("/containers/create").then().statusCode(400).body("message", equalTo("unknown capability: \"NOPE\""));
    String interactive = given().body("{\"Image\":\"busybox\",\"Tty\":true,\"OpenStdin\":true,\"StdinOnce\":true}")
        .contentType("application/json").post("/containers/create").then().statusCode(201).extract().path("Id");
    given().get("/containers/" + interactive + "/json").then().statusCode(200)
        .body("Config.Tty", equalTo(true)).body("Config.OpenStdin", equalTo(true)).body("Config.StdinOnce", equalTo(true));
    given().delete("/containers/" + interactive).then().statusCode(204);
    given().get("/containers/no-such-container/json").then().statusCode(404)
        .body("message", equalTo("No such container: no-such-container"));
    given().post("/containers/" + id + "/kill").then().statusCode(409)
        .body("message", equalTo("Container " + id + " is not running"));
    given().post("/containers/" + id + "/stop").then().statusCode(304);
    given().delete("/containers/" + id).then().statusCode(204);
    given().get("/containers/" + id + "/json").then().statusCode(404);
  }

  @Test
  void startRunsOnTheNodeAndFactsDriveTheState() throws Exception {
    String id = create("run-" + System.nanoTime(), "[\"sh\",\"-c\",\"exit 3\"]");
    try (KafkaConsumer<String, byte[]> commands = KafkaTestClient.consumer(Topics.NODE_COMMANDS)) {
      CompletableFuture<Response> start = CompletableFuture.supplyAsync(
          () -> given().post("/containers/" + id + "/start"));
      List<ConsumerRecord<String, byte[]>> run = KafkaTestClient.await(
          commands, id, EventTypes.RUN_CONTAINER.type(), 1, Duration.ofSeconds(20));
      assertEquals(1, run.size(), "RunContainer on " + Topics.NODE_COMMANDS);
      RunContainer cmd = EventCodec.decode(KafkaTestClient.headers(run.get(0)), run.get(0).value(), RunContainer.class).data();
      assertEquals(NODE, cmd.nodeId());
      assertEquals(ImageServiceStub.MANIFEST, cmd.imageDigest());
      assertEquals("library/busybox", cmd.repository());
      assertEquals(List.of("sh", "-c", "exit 3"), cmd.spec().cmd());
      assertEquals(id.substring(0, 12), cmd.spec().hostname());
      assertEquals(null, cmd.spec().resources(), "no limits asked for");
      assertEquals(null, cmd.spec().security(), "Docker's default security options");

      long t0 = System.nanoTime();
      var started = kafka.publishFromNode(NODE, new TaskStarted(id, NODE, 4242, Instant.now()));
      Response r = start.get(20, TimeUnit.SECONDS);
      assertEquals(204, r.statusCode(), r.asString());
      System.out.printf("start answered %d ms after TaskStarted was published%n", (System.nanoTime() - t0) / 1_000_000);
      given().get("/containers/" + id + "/json").then().body("State.Status", equalTo("running"))
          .body("State.Pid", equalTo(4242));
      given().post("/containers/" + id + "/start").then().statusCode(304);
      given().delete("/containers/" + id).then().statusCode(409)
          .body("message", equalTo("You cannot remove a running container " + id
              + ". Stop the container before attempting removal or force remove"));

      // not-running, not next-exit: the async request may reach the service after the exit
      // below was applied, and next-exit would then rightly wait for an exit that never comes.
      CompletableFuture<Response> waitExit = CompletableFuture.supplyAsync(
          () -> given().queryParam("condition", "not-running").post("/containers/" + id + "/wait"));
      var exited = kafka.publishFromNode(NODE, new TaskExited(id, NODE, 3, null, false, Instant.now()));
      Response w = waitExit.get(20, TimeUnit.SECONDS);
      assertEquals(200, w.statusCode());
      assertEquals(3, w.jsonPath().getInt("StatusCode"));
      given().get("/containers/" + id + "/json").then().body("State.Status", equalTo("exited"))
          .body("State.ExitCode", equalTo(3));

      // The node restarts it; then the old TaskExited is redelivered (same source and id).
      CompletableFuture<Response> restart = CompletableFuture.supplyAsync(
          () -> given().post("/containers/" + id + "/start"));
      assertEquals(1, KafkaTestClient.await(commands, id, EventTypes.RUN_CONTAINER.type(), 1, Duration.ofSeconds(20)).size());
      long t1 = System.nanoTime();
      kafka.publishFromNode(NODE, new TaskStarted(id, NODE, 4343, Instant.now()));
      assertEquals(204, restart.get(20, TimeUnit.SECONDS).statusCode());
      System.out.printf("second start answered %d ms after TaskStarted was published%n", (System.nanoTime() - t1) / 1_000_000);
      kafka.publish(exited);
      kafka.publish(started);
      Thread.sleep(1000); // give a wrongly applied duplicate time to land
      given().get("/containers/" + id + "/json").then().body("State.Status", equalTo("running"))
          .body("State.Pid", equalTo(4343));

      given().queryParam("force", "1").delete("/containers/" + id).then().statusCode(204);
      assertEquals(1, KafkaTestClient.await(commands, id, EventTypes.REMOVE_CONTAINER.type(), 1, Duration.ofSeconds(20)).size());
      given().get("/containers/" + id + "/json").then().statusCode(404);
    }
  }

  @Test
  void aRemovedContainerThatStartedStillAnswersItsStart() throws Exception {
    // docker run --rm of a task that ends at once: started, exited and removed in quick succession,
    // possibly before the start request reads the container again.
    String body = CREATE_BODY.replace("\"AutoRemove\":false", "\"AutoRemove\":true");
    for (int i = 0; i < 3; i++) {
      String id = createWithBody("rm-" + System.nanoTime(), String.format(body, "[\"true\"]"), Duration.ofSeconds(60), kafka);
      try (KafkaConsumer<String, byte[]> commands = KafkaTestClient.consumer(Topics.NODE_COMMANDS)) {
        CompletableFuture<Response> start = CompletableFuture.supplyAsync(
            () -> given().post("/containers/" + id + "/start"));
        assertEquals(1, KafkaTestClient.await(commands, id, EventTypes.RUN_CONTAINER.type(), 1, Duration.ofSeconds(20)).size());
        kafka.publishFromNode(NODE, new TaskStarted(id, NODE, 4444, Instant.now()));
        kafka.publishFromNode(NODE, new TaskExited(id, NODE, 0, null, false, Instant.now()));
        Response r = start.get(20, TimeUnit.SECONDS);
        assertEquals(204, r.statusCode(), r.asString());
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/containers/" + id + "/json").statusCode() == 404);
      }
    }
  }

  @Test
  void aFailedStartReportsTheNodesReason() throws Exception {
    String id = create("fail-" + System.nanoTime(), "[\"/nope\"]");
    try (KafkaConsumer<String, byte[]> commands = KafkaTestClient.consumer(Topics.NODE_COMMANDS)) {
      CompletableFuture<Response> start = CompletableFuture.supplyAsync(
          () -> given().post("/containers/" + id + "/start"));
      assertEquals(1, KafkaTestClient.await(commands, id, EventTypes.RUN_CONTAINER.type(), 1, Duration.ofSeconds(20)).size());
      String reason = "OCI runtime create failed: exec: \"/nope\": stat /nope: no such file or directory: unknown";
      kafka.publishFromNode(NODE, new TaskFailed(id, NODE, reason, Instant.now()));
      Response r = start.get(20, TimeUnit.SECONDS);
      assertEquals(400, r.statusCode(), r.asString());
      assertEquals(reason, r.jsonPath().getString("message"));
      given().get("/containers/" + id + "/json").then().body("State.Status", equalTo("created"))
          .body("State.Error", equalTo(reason)).body("State.ExitCode", equalTo(127));
    }
  }
}
