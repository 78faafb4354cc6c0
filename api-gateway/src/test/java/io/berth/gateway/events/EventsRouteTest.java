package io.berth.gateway.events;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.events.CloudEvent;
import io.berth.events.Envelope;
import io.berth.events.EventData;
import io.berth.events.EventType;
import io.berth.events.EventTypes;
import io.berth.events.container.v1.ContainerCreated;
import io.berth.events.container.v1.ContainerDied;
import io.berth.events.container.v1.ContainerRemoved;
import io.berth.events.container.v1.ContainerStarted;
import io.berth.events.image.v1.ImageImported;
import io.berth.gateway.proxy.RawHttp;
import io.berth.gateway.proxy.UpstreamStubsResource;
import io.berth.testing.BerthInfra;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /events against the real fact topics: replay between since and until, filters, live. */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = UpstreamStubsResource.class, scope = TestResourceScope.GLOBAL)
class EventsRouteTest {

  static KafkaProducer<String, byte[]> producer;

  @BeforeAll
  static void producer() {
    Properties p = new Properties();
    p.put("bootstrap.servers", BerthInfra.kafkaBootstrap());
    p.put("linger.ms", "0");
    producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  @AfterAll
  static void close() {
    producer.close();
  }

  /** Publishes a fact as the services' outbox does: binary-mode CloudEvent, keyed by subject. */
  static <T extends EventData> Instant publish(T data) throws Exception {
    CloudEvent<T> event = Envelope.of("/test", data);
    EventType<T> type = EventTypes.of(data);
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(type.topic(), event.subject(), io.berth.events.EventCodec.encode(data));
    Envelope.headers(event).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
    producer.send(record).get();
    Thread.sleep(3); // distinct event times
    return event.time();
  }

  static String stamp(Instant t) {
    return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
  }

  static List<JsonObject> events(String query) {
    String body = given().urlEncodingEnabled(false).get("/v1.41/events?" + query).then().statusCode(200)
        .contentType("application/json").extract().asString();
    return Arrays.stream(body.split("\n")).filter(l -> !l.isBlank()).map(JsonObject::new)
        .collect(Collectors.toList());
  }

  @Test
  void replaysTheHistoryBetweenSinceAndUntilInTimeOrder() throws Exception {
    String id = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    String imageId = "sha256:" + id;
    Instant since = Instant.now().minusMillis(1);
    Instant created = publish(new ContainerCreated(id, "web", "busybox:latest", "sha256:m", Map.of("tier", "front"), Instant.now()));
    publish(new ContainerStarted(id, "web", "busybox:latest", "n1", 42, Instant.now()));
    publish(new ImageImported(imageId, List.of("imp:latest"), "sha256:m2", 10, Instant.now()));
    publish(new ContainerDied(id, "web", "busybox:latest", 137, false, Instant.now()));
    publish(new ContainerRemoved(id, "web", Instant.now()));
    Instant until = Instant.now();
    Thread.sleep(5);
    publish(new ContainerStarted(id, "web", "busybox:latest", "n1", 43, Instant.now())); // after until

    String window = "since=" + stamp(since) + "&until=" + stamp(until);
    List<JsonObject> all = events(window).stream()
        .filter(e -> e.getJsonObject("Actor").getString("ID").equals(id) || e.getJsonObject("Actor").getString("ID").equals(imageId))
        .toList();
    assertEquals(List.of("create", "start", "import", "die", "destroy"),
        all.stream().map(e -> e.getString("Action")).toList());
    assertEquals(new JsonObject()
        .put("status", "create").put("id", id).put("from", "busybox:latest").put("Type", "container")
        .put("Action", "create")
        .put("Actor", new JsonObject().put("ID", id).put("Attributes",
            new JsonObject().put("image", "busybox:latest").put("name", "web").put("tier", "front")))
        .put("scope", "local").put("time", created.getEpochSecond())
        .put("timeNano", created.getEpochSecond() * 1_000_000_000L + created.getNano()), all.get(0));
    assertEquals("137", all.get(3).getJsonObject("Actor").getJsonObject("Attributes").getString("exitCode"));
    assertEquals("busybox:latest", all.get(4).getString("from"), "destroy keeps the image learned at create");
    assertEquals("imp:latest", all.get(2).getJsonObject("Actor").getJsonObject("Attributes").getString("name"));

    String onlyDie = URLEncoder.encode("{\"event\":{\"die\":true},\"container\":{\"" + id.substring(0, 12) + "\":true}}", StandardCharsets.UTF_8);
    List<JsonObject> died = events(window + "&filters=" + onlyDie);
    assertEquals(1, died.size(), died.toString());
    assertEquals("die", died.get(0).getString("Action"));
    String images = URLEncoder.encode("{\"type\":[\"image\"]}", StandardCharsets.UTF_8);
    assertTrue(events(window + "&filters=" + images).stream().allMatch(e -> e.getString("Type").equals("image")));
  }

  @Test
  void withoutUntilNewFactsStreamLive() throws Exception {
    String id = UUID.randomUUID().toString().replace("-", "");
    try (RawHttp http = new RawHttp(RestAssured.port)) {
      String filters = URLEncoder.encode("{\"container\":{\"" + id + "\":true}}", StandardCharsets.UTF_8);
      http.send("GET /v1.41/events?filters=" + filters + " HTTP/1.1\r\nHost: x\r\n\r\n");
      String head = http.readHead();
      assertTrue(head.startsWith("HTTP/1.1 200 OK"), head);
      Thread.sleep(1500); // the consumer is assigned and at the end offsets
      publish(new ContainerCreated(id, "live", "busybox:latest", "sha256:m", Map.of(), Instant.now()));
      JsonObject event = new JsonObject(http.readChunk());
      assertEquals("create", event.getString("Action"));
      assertEquals(id, event.getString("id"));
    }
  }

  @Test
  void badTimesAndFiltersAre400() {
    given().get("/v1.41/events?since=yesterday").then().statusCode(400);
    given().urlEncodingEnabled(false).get("/v1.41/events?filters=%7Bnope").then().statusCode(400);
  }
}
