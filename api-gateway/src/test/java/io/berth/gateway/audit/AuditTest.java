package io.berth.gateway.audit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.events.Topics;
import io.berth.gateway.proxy.UpstreamStubsResource;
import io.berth.testing.BerthInfra;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit trail inside one gateway, on the real PostgreSQL and Kafka: calls through the Docker
 * API (to a stub container-service) and the platform API are recorded, chained and published.
 */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = UpstreamStubsResource.class, scope = TestResourceScope.GLOBAL)
class AuditTest {

  static Vertx vertx;
  static HttpServer containers;

  @BeforeAll
  static void start() throws Exception {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    vertx = Vertx.vertx();
    Router r = Router.router(vertx);
    r.post("/containers/create").handler(ctx -> ctx.response().setStatusCode(201)
        .putHeader("Content-Type", "application/json").end(new JsonObject().put("Id", "c0ffee").encode()));
    r.post("/containers/:id/start").handler(ctx -> ctx.response().setStatusCode(204).end());
    r.delete("/containers/:id").handler(ctx -> ctx.response().setStatusCode(204).end());
    r.get("/containers/json").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json").end("[]"));
    containers = vertx.createHttpServer().requestHandler(r)
        .listen(UpstreamStubsResource.port(UpstreamStubsResource.CONTAINER_PORT), "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    containers.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close();
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static List<Map<String, Object>> records(String query) {
    return given().when().get("/berth/v1/audit?" + query).then().statusCode(200)
        .extract().jsonPath().getList("records");
  }

  @Test
  void stateChangingCallsAreRecordedBeforeTheClientSeesTheAnswerAndGetsAreNot() {
    String actor = unique("alice");
    given().header("X-Test-Caller", actor).header("X-Test-Role", "operator")
        .when().post("/v1.41/containers/web-1/start").then().statusCode(204);
    // Committed before the 204 was sent: visible at once, no waiting.
    List<Map<String, Object>> found = records("actor=" + actor);
    assertEquals(1, found.size(), found.toString());
    Map<String, Object> r = found.get(0);
    assertEquals("container.start", r.get("action"));
    assertEquals("container", r.get("objectType"));
    assertEquals("web-1", r.get("objectId"));
    assertEquals("POST", r.get("method"));
    assertEquals("/v1.41/containers/web-1/start", r.get("path"));
    assertEquals(204, r.get("status"));
    assertEquals("tok-" + actor, r.get("tokenId"));
    assertEquals("operator", r.get("role"));
    assertEquals("tcp", r.get("transport"));
    assertEquals("198.51.100.7:4242", r.get("peer"));
    assertNull(r.get("reason"));
    assertTrue(Instant.parse((String) r.get("recordedAt")).isAfter(Instant.now().minusSeconds(60)));

    given().header("X-Test-Caller", actor).when().get("/v1.41/containers/json").then().statusCode(200);
    given().header("X-Test-Caller", actor).when().get("/containers/json").then().statusCode(200);
    given().header("X-Test-Caller", actor).when().delete("/containers/web-1").then().statusCode(204);
    found = records("actor=" + actor);
    assertEquals(List.of("container.start", "container.delete"), found.stream().map(m -> m.get("action")).toList());
    assertEquals("/containers/web-1", found.get(1).get("path"));
  }

  @Test
  void withAuthenticationOffTcpCallersAreRecordedAsTrustedAdminsNamedByTheirTransport() {
    // These tests run with berth.auth.enabled=false: auth.AuthenticationRoute still names every
    // caller, here after the connection.
    String name = unique("anon");
    given().when().post("/containers/create?name=" + name).then().statusCode(201);
    Map<String, Object> r = records("object=" + name).get(0);
    assertEquals("tcp", r.get("actor"));
    assertEquals("tcp", r.get("transport"));
    assertTrue(((String) r.get("peer")).startsWith("127.0.0.1:"), r.toString());
    assertEquals("container.create", r.get("action"));
    assertNull(r.get("tokenId"));
    assertEquals("admin", r.get("role"));
  }

  @Test
  void deniedCallsAreRecordedWithTheirReasonWhateverTheirMethod() {
    String actor = unique("viewer");
    given().header("X-Test-Caller", actor).header("X-Test-Role", "viewer")
        .header("X-Test-Deny", "role viewer may not delete containers")
        .when().delete("/v1.41/containers/db").then().statusCode(403)
        .body("message", equalTo("role viewer may not delete containers"));
    given().header("X-Test-Caller", actor).header("X-Test-Deny", "token revoked")
        .when().get("/v1.41/info").then().statusCode(403);
    List<Map<String, Object>> found = records("actor=tok-" + actor);
    assertEquals(2, found.size(), found.toString());
    assertEquals("container.delete", found.get(0).get("action"));
    assertEquals(403, found.get(0).get("status"));
    assertEquals("role viewer may not delete containers", found.get(0).get("reason"));
    assertEquals("GET", found.get(1).get("method"));
    assertEquals("token revoked", found.get(1).get("reason"));
  }

  @Test
  void platformApiCallsAreRecorded() {
    String actor = unique("admin");
    String id = given().header("X-Test-Caller", actor).contentType(ContentType.JSON)
        .body(Map.of("url", "http://127.0.0.1:1/hook")).when().post("/berth/v1/webhooks")
        .then().statusCode(201).extract().jsonPath().getString("id");
    given().header("X-Test-Caller", actor).when().delete("/berth/v1/webhooks/" + id).then().statusCode(204);
    given().header("X-Test-Caller", actor).when().delete("/berth/v1/webhooks/" + id).then().statusCode(404);
    List<Map<String, Object>> found = records("actor=" + actor);
    assertEquals(List.of("webhook.create", "webhook.delete", "webhook.delete"),
        found.stream().map(m -> m.get("action")).toList());
    assertEquals(List.of(201, 204, 404), found.stream().map(m -> m.get("status")).toList());
    assertEquals(id, found.get(1).get("objectId"));
  }

  @Test
  void filtersPagesAndExport() {
    String actor = unique("pager");
    Instant before = Instant.now().minusSeconds(1);
    for (int i = 0; i < 5; i++) {
      given().header("X-Test-Caller", actor).when().post("/containers/p" + i + "/start").then().statusCode(204);
    }
    given().header("X-Test-Caller", actor).when().delete("/containers/p0").then().statusCode(204);

    List<Long> seqs = new ArrayList<>();
    String query = "actor=" + actor + "&limit=2";
    int pages = 0;
    while (query != null) {
      Response page = given().when().get("/berth/v1/audit?" + query).then().statusCode(200).extract().response();
      JsonPath body = page.jsonPath();
      body.getList("records.seq", Long.class).forEach(seqs::add);
      Object next = body.get("next");
      String link = page.header("Link");
      pages++;
      if (next == null) {
        assertNull(link);
        query = null;
      } else {
        assertTrue(link.contains("after=" + next) && link.endsWith("rel=\"next\""), link);
        query = "actor=" + actor + "&limit=2&after=" + next;
      }
    }
    assertEquals(6, seqs.size());
    assertEquals(3, pages);
    assertEquals(seqs.stream().sorted().toList(), seqs);

    assertEquals(5, records("actor=" + actor + "&action=container.start").size());
    assertEquals(6, records("actor=" + actor + "&action=container.*").size());
    assertEquals(2, records("actor=" + actor + "&object=p0").size());
    assertEquals(6, records("actor=" + actor + "&since=" + before.getEpochSecond()).size());
    assertEquals(0, records("actor=" + actor + "&until=" + before).size());
    assertEquals(6, records("actor=" + actor + "&since=" + before + "&until=" + Instant.now().plusSeconds(5)).size());

    given().when().get("/berth/v1/audit?since=yesterday").then().statusCode(400)
        .body("message", containsString("since must be an RFC 3339 time or unix seconds"));
    given().when().get("/berth/v1/audit?limit=0").then().statusCode(400).body("message", containsString("limit"));
    given().when().get("/berth/v1/audit/export?after=x").then().statusCode(400).body("message", containsString("after"));

    Response export = given().when().get("/berth/v1/audit/export?actor=" + actor + "&action=container.start")
        .then().statusCode(200).contentType("application/x-ndjson").extract().response();
    String[] lines = export.asString().split("\n");
    assertEquals(5, lines.length);
    for (int i = 0; i < lines.length; i++) {
      JsonObject line = new JsonObject(lines[i]);
      assertEquals(seqs.get(i), line.getLong("seq"));
      assertEquals("/containers/p" + i + "/start", line.getString("path"));
    }
  }

  @Test
  void theChainVerifiesAndATamperedRowIsFound() throws Exception {
    String actor = unique("tamper");
    given().header("X-Test-Caller", actor).when().post("/containers/t1/start").then().statusCode(204);
    given().header("X-Test-Caller", actor).when().post("/containers/t2/start").then().statusCode(204);
    List<Map<String, Object>> mine = records("actor=" + actor);
    long victim = ((Number) mine.get(0).get("seq")).longValue();
    assertEquals(mine.get(0).get("hash"), mine.get(1).get("prevHash"));

    JsonPath ok = given().when().get("/berth/v1/audit/verify").then().statusCode(200).extract().jsonPath();
    assertTrue(ok.getBoolean("valid"), ok.prettify());
    assertTrue(ok.getLong("records") >= victim + 1);
    assertNull(ok.get("firstBrokenSeq"));

    try (Connection c = DriverManager.getConnection(BerthInfra.jdbcUrl(), BerthInfra.dbUser(), "")) {
      c.setAutoCommit(true);
      exec(c, "update gateway.audit_log set object_id = 't666' where seq = ?", victim);
      try {
        JsonPath broken = given().when().get("/berth/v1/audit/verify").then().statusCode(200).extract().jsonPath();
        assertFalse(broken.getBoolean("valid"));
        assertEquals(victim, broken.getLong("firstBrokenSeq"));
        assertEquals(victim - 1, broken.getLong("records"));
        assertTrue(broken.getString("reason").contains("hash"), broken.prettify());
      } finally {
        exec(c, "update gateway.audit_log set object_id = 't1' where seq = ?", victim);
      }
    }
    assertTrue(given().when().get("/berth/v1/audit/verify").then().statusCode(200).extract().jsonPath().getBoolean("valid"));
  }

  @Test
  void concurrentCallsExtendOneChain() throws Exception {
    String actor = unique("burst");
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<Void>>> sent = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      sent.add(http.sendAsync(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://localhost:" + RestAssured.port + "/containers/b" + i + "/start"))
              .header("X-Test-Caller", actor).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
          java.net.http.HttpResponse.BodyHandlers.discarding()));
    }
    // Each record holds the status its client saw (whatever the stub made of the burst).
    Map<String, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < sent.size(); i++) {
      seen.put("b" + i, sent.get(i).get(60, TimeUnit.SECONDS).statusCode());
    }
    List<Map<String, Object>> found = records("actor=" + actor + "&limit=1000");
    assertEquals(40, found.size());
    Map<String, Integer> recorded = new java.util.HashMap<>();
    found.forEach(m -> recorded.put((String) m.get("objectId"), (Integer) m.get("status")));
    assertEquals(seen, recorded);
    JsonPath v = given().when().get("/berth/v1/audit/verify").then().statusCode(200).extract().jsonPath();
    assertTrue(v.getBoolean("valid"), v.prettify());
  }

  @Test
  void everyRecordIsPublishedAsACloudEvent() {
    String actor = unique("kafka");
    given().header("X-Test-Caller", actor).when().post("/containers/k1/start").then().statusCode(204);
    Map<String, Object> stored = records("actor=" + actor).get(0);

    Properties p = new Properties();
    p.put("bootstrap.servers", BerthInfra.kafkaBootstrap());
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = consumer.partitionsFor(Topics.AUDIT_EVENTS).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (new String(r.value(), StandardCharsets.UTF_8).contains(actor)) {
            mine.add(r);
          }
        }
        return !mine.isEmpty();
      });
      ConsumerRecord<String, byte[]> record = mine.get(0);
      assertEquals("audit", record.key());
      assertEquals("io.berth.audit.recorded.v1", header(record, "ce_type"));
      assertEquals("/api-gateway", header(record, "ce_source"));
      JsonObject data = new JsonObject(new String(record.value(), StandardCharsets.UTF_8));
      assertEquals(((Number) stored.get("seq")).longValue(), data.getLong("seq"));
      assertEquals(stored.get("hash"), data.getString("hash"));
      assertEquals("container.start", data.getString("action"));
      assertNotNull(header(record, "ce_id"));
    }
  }

  private static String header(ConsumerRecord<String, byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static void exec(Connection c, String sql, long seq) throws Exception {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, seq);
      assertEquals(1, s.executeUpdate());
    }
  }
}
