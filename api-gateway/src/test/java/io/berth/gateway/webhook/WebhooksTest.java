package io.berth.gateway.webhook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.events.CloudEvent;
import io.berth.events.container.v1.ContainerCreated;
import io.berth.events.container.v1.ContainerDied;
import io.berth.events.container.v1.ContainerRemoved;
import io.berth.events.container.v1.ContainerStarted;
import io.berth.events.network.v1.NetworkCreated;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end inside one gateway: facts published on the real broker are matched,
 * queued in the real PostgreSQL and delivered, signed, to a local receiver.
 */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class WebhooksTest {

  static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);
  static final String CONTAINER_TYPES = "io.berth.container.*";

  static WebhookReceiver receiver;
  static FactPublisher facts;
  static final AtomicInteger paths = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    receiver = new WebhookReceiver();
    facts = new FactPublisher();
  }

  @AfterAll
  static void stop() {
    receiver.close();
    facts.close();
  }

  /** The dispatcher's group starts at the end of the topics: wait until it follows them. */
  static void awaitDispatching() {
    String path = "/warmup-" + paths.incrementAndGet();
    JsonPath sub = create(Map.of("url", receiver.url(path), "eventTypes", List.of("io.berth.network.*")));
    await().atMost(DEFAULT_WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
      facts.publish(new NetworkCreated(UUID.randomUUID().toString(), "warm", "bridge", null, Instant.now()));
      return !receiver.received(path).isEmpty();
    });
    delete(sub.getString("id"));
  }

  static JsonPath create(Map<String, Object> body) {
    return given().contentType(ContentType.JSON).body(body)
        .when().post("/berth/v1/webhooks")
        .then().statusCode(201).extract().jsonPath();
  }

  static void delete(String id) {
    given().when().delete("/berth/v1/webhooks/" + id).then().statusCode(204);
  }

  static String containerId() {
    return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 64);
  }

  static List<WebhookReceiver.Request> awaitReceived(String path, int count) {
    await().atMost(DEFAULT_WAIT).until(() -> receiver.received(path).size() >= count);
    return receiver.received(path);
  }

  @Test
  void subscriptionsAreManagedThroughThePlatformApi() {
    JsonPath created = create(Map.of("url", "http://127.0.0.1:1/x", "eventTypes", List.of(CONTAINER_TYPES),
        "labels", Map.of("app", "web")));
    String id = created.getString("id");
    assertTrue(created.getString("secret").startsWith("whsec_"));
    assertTrue(created.getBoolean("active"));

    given().when().get("/berth/v1/webhooks/" + id).then().statusCode(200)
        .body("url", equalTo("http://127.0.0.1:1/x"))
        .body("eventTypes[0]", equalTo(CONTAINER_TYPES))
        .body("labels.app", equalTo("web"))
        .body("secret", nullValue());
    given().when().get("/berth/v1/webhooks").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem(id));

    given().contentType(ContentType.JSON).body(Map.of("active", false, "binary", true))
        .when().patch("/berth/v1/webhooks/" + id)
        .then().statusCode(200).body("active", equalTo(false)).body("binary", equalTo(true))
        .body("labels.app", equalTo("web"));

    delete(id);
    given().when().get("/berth/v1/webhooks/" + id).then().statusCode(404)
        .body("message", equalTo("No such webhook: " + id));
    given().when().delete("/berth/v1/webhooks/nope").then().statusCode(404).body("message", containsString("nope"));
  }

  @Test
  void badRequestsGetDockerStyleErrors() {
    given().contentType(ContentType.JSON).body(Map.of("eventTypes", List.of("x")))
        .when().post("/berth/v1/webhooks").then().statusCode(400).body("message", equalTo("url is required"));
    given().contentType(ContentType.JSON).body(Map.of("url", "ftp://example.org/"))
        .when().post("/berth/v1/webhooks").then().statusCode(400).body("message", containsString("http or https"));
    given().contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:1/", "eventTypes", List.of("a b")))
        .when().post("/berth/v1/webhooks").then().statusCode(400).body("message", containsString("pattern"));
  }

  @Test
  void theMetadataAddressIsRefused() {
    given().contentType(ContentType.JSON).body(Map.of("url", "http://169.254.169.254/latest/meta-data"))
        .when().post("/berth/v1/webhooks")
        .then().statusCode(400).body("message", containsString("169.254.169.254 is not allowed"));
  }

  @Test
  void factsArriveSignedAndInOrderPerObject() {
    awaitDispatching();
    String path = "/ordered";
    JsonPath sub = create(Map.of("url", receiver.url(path), "eventTypes", List.of(CONTAINER_TYPES)));
    String secret = sub.getString("secret");
    String id = containerId();
    List<CloudEvent<?>> sent = List.of(
        facts.publish(new ContainerCreated(id, "web", "busybox", "sha256:m", Map.of(), Instant.now())),
        facts.publish(new ContainerStarted(id, "web", "busybox", "n1", 42, Instant.now())),
        facts.publish(new ContainerDied(id, "web", "busybox", 0, false, Instant.now())),
        facts.publish(new ContainerRemoved(id, "web", Instant.now())));

    List<WebhookReceiver.Request> got = awaitReceived(path, 4);
    assertEquals(4, got.size());
    for (int i = 0; i < 4; i++) {
      WebhookReceiver.Request r = got.get(i);
      assertTrue(WebhookReceiver.verify(secret, r), "signature of " + r.bodyText());
      assertFalse(WebhookReceiver.verify("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]), r));
      assertEquals("application/cloudevents+json", r.header("content-type"));
      JsonObject event = new JsonObject(r.bodyText());
      assertEquals(sent.get(i).id(), event.getString("id"));
      assertEquals(sent.get(i).id(), r.header("webhook-id"));
      assertEquals(sent.get(i).type(), event.getString("type"));
      assertEquals(id, event.getString("subject"));
      assertEquals("1.0", event.getString("specversion"));
      assertEquals(id, event.getJsonObject("data").getString("containerId"));
      long ts = Long.parseLong(r.header("webhook-timestamp"));
      assertTrue(Math.abs(ts - Instant.now().getEpochSecond()) < 300, "timestamp " + ts);
    }
    delete(sub.getString("id"));
  }

  @Test
  void aFailingReceiverGetsRetriesWithTheSameIdAndLaterEventsWait() {
    awaitDispatching();
    String path = "/flaky";
    receiver.answer(path, 500, 503);
    JsonPath sub = create(Map.of("url", receiver.url(path), "eventTypes", List.of(CONTAINER_TYPES)));
    String id = containerId();
    CloudEvent<?> first = facts.publish(new ContainerCreated(id, "a", "busybox", "sha256:m", Map.of(), Instant.now()));
    CloudEvent<?> second = facts.publish(new ContainerStarted(id, "a", "busybox", "n1", 1, Instant.now()));

    List<WebhookReceiver.Request> got = awaitReceived(path, 4);
    List<String> ids = got.stream().map(r -> r.header("webhook-id")).toList();
    assertEquals(List.of(first.id(), first.id(), first.id(), second.id()), ids.subList(0, 4));
    for (WebhookReceiver.Request r : got) {
      assertTrue(WebhookReceiver.verify(sub.getString("secret"), r));
    }

    String subId = sub.getString("id");
    await().atMost(DEFAULT_WAIT).untilAsserted(() -> {
      JsonPath log = given().when().get("/berth/v1/webhooks/" + subId + "/deliveries")
          .then().statusCode(200).extract().jsonPath();
      // newest first
      assertEquals(List.of(second.id(), first.id()), log.getList("eventId"));
      assertEquals(List.of("delivered", "delivered"), log.getList("state"));
      assertEquals(List.of(500, 503, 200), log.getList("[1].attempts.httpStatus"));
      assertEquals("answer 500", log.getString("[1].attempts[0].responseSnippet"));
    });
    delete(subId);
  }

  @Test
  void labelFiltersAndBinaryMode() {
    awaitDispatching();
    String path = "/labelled";
    JsonPath sub = create(Map.of("url", receiver.url(path), "eventTypes", List.of(CONTAINER_TYPES),
        "labels", Map.of("app", "web"), "binary", true));
    String web = containerId();
    String db = containerId();
    facts.publish(new ContainerCreated(db, "db", "busybox", "sha256:m", Map.of("app", "db"), Instant.now()));
    CloudEvent<?> created = facts.publish(new ContainerCreated(web, "web", "busybox", "sha256:m", Map.of("app", "web"), Instant.now()));
    facts.publish(new ContainerRemoved(db, "db", Instant.now()));
    // ContainerRemoved carries no labels: the ones seen at creation are used.
    CloudEvent<?> removed = facts.publish(new ContainerRemoved(web, "web", Instant.now()));

    List<WebhookReceiver.Request> got = awaitReceived(path, 2);
    assertEquals(List.of(created.id(), removed.id()), got.stream().map(r -> r.header("ce-id")).toList());
    WebhookReceiver.Request r = got.get(0);
    assertEquals("io.berth.container.created.v1", r.header("ce-type"));
    assertEquals("1.0", r.header("ce-specversion"));
    assertEquals(web, r.header("ce-subject"));
    assertEquals("application/json", r.header("content-type"));
    assertEquals(web, new JsonObject(r.bodyText()).getString("containerId"));
    assertTrue(WebhookReceiver.verify(sub.getString("secret"), r));
    delete(sub.getString("id"));
  }

  @Test
  void aChangedOrDeletedSubscriptionIsMatchedAsItNowIsFromTheNextFact() {
    awaitDispatching();
    JsonPath sub = create(Map.of("url", receiver.url("/before"), "eventTypes", List.of(CONTAINER_TYPES)));
    String id = sub.getString("id");
    String c = containerId();
    CloudEvent<?> first = facts.publish(new ContainerCreated(c, "x", "busybox", "sha256:m", Map.of(), Instant.now()));
    assertEquals(first.id(), awaitReceived("/before", 1).get(0).header("webhook-id"));

    // The dispatcher matches from a copy of the subscriptions: a change must reach it at once.
    given().contentType(ContentType.JSON).body(Map.of("url", receiver.url("/after")))
        .when().patch("/berth/v1/webhooks/" + id).then().statusCode(200);
    CloudEvent<?> second = facts.publish(new ContainerStarted(c, "x", "busybox", "n1", 7, Instant.now()));
    assertEquals(second.id(), awaitReceived("/after", 1).get(0).header("webhook-id"));

    delete(id);
    facts.publish(new ContainerDied(c, "x", "busybox", 0, false, Instant.now()));
    // Facts keep flowing after it (a delivery to the deleted one would fail the batch and stall them).
    awaitDispatching();
    assertEquals(1, receiver.received("/before").size());
    assertEquals(1, receiver.received("/after").size());
  }

  @Test
  void aSubscriptionThatKeepsFailingIsDisabledAndThatIsAnnounced() {
    awaitDispatching();
    JsonPath watcher = create(Map.of("url", receiver.url("/watcher"), "eventTypes", List.of("io.berth.webhook.disabled.*")));
    String path = "/down";
    receiver.answer(path, 500, 500, 500, 500, 500, 500, 500, 500);
    JsonPath sub = create(Map.of("url", receiver.url(path), "eventTypes", List.of(CONTAINER_TYPES)));
    String subId = sub.getString("id");
    facts.publish(new ContainerCreated(containerId(), "x", "busybox", "sha256:m", Map.of(), Instant.now()));

    await().atMost(DEFAULT_WAIT).untilAsserted(() ->
        given().when().get("/berth/v1/webhooks/" + subId).then().statusCode(200)
            .body("active", equalTo(false))
            .body("disabledReason", containsString("3 failed attempts")));
    assertEquals(3, receiver.received(path).size());

    await().atMost(DEFAULT_WAIT).until(() -> receiver.received("/watcher").stream()
        .anyMatch(r -> new JsonObject(r.bodyText()).getJsonObject("data").getString("subscriptionId").equals(subId)));
    JsonObject announced = receiver.received("/watcher").stream()
        .map(r -> new JsonObject(r.bodyText()))
        .filter(e -> e.getJsonObject("data").getString("subscriptionId").equals(subId))
        .findFirst().orElseThrow();
    assertEquals("io.berth.webhook.disabled.v1", announced.getString("type"));
    assertEquals(3, announced.getJsonObject("data").getInteger("failedAttempts"));
    assertEquals("HTTP 500", announced.getJsonObject("data").getString("lastError"));
    delete(subId);
    delete(watcher.getString("id"));
  }

  @Test
  void pingAndRedelivery() {
    String path = "/ping";
    JsonPath sub = create(Map.of("url", receiver.url(path)));
    String subId = sub.getString("id");
    String eventId = given().when().post("/berth/v1/webhooks/" + subId + "/test")
        .then().statusCode(202).extract().jsonPath().getString("eventId");
    WebhookReceiver.Request ping = awaitReceived(path, 1).get(0);
    assertEquals(eventId, ping.header("webhook-id"));
    assertEquals("io.berth.webhook.ping.v1", new JsonObject(ping.bodyText()).getString("type"));

    long deliveryId = await().atMost(DEFAULT_WAIT).until(
        () -> given().get("/berth/v1/webhooks/" + subId + "/deliveries").jsonPath(),
        log -> "delivered".equals(log.getString("[0].state"))).getLong("[0].id");
    given().when().post("/berth/v1/webhooks/" + subId + "/deliveries/" + deliveryId + "/redeliver")
        .then().statusCode(202);
    List<WebhookReceiver.Request> got = awaitReceived(path, 2);
    assertEquals(eventId, got.get(1).header("webhook-id"));
    assertTrue(WebhookReceiver.verify(sub.getString("secret"), got.get(1)));

    given().when().post("/berth/v1/webhooks/" + subId + "/deliveries/999999999/redeliver")
        .then().statusCode(409);
    given().when().get("/berth/v1/webhooks/" + UUID.randomUUID() + "/deliveries").then().statusCode(404);
    delete(subId);
  }
}
