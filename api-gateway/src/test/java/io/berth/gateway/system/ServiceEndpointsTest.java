package io.berth.gateway.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.events.Topics;
import io.berth.testing.BerthInfra;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class ServiceEndpointsTest {

  private static final Pattern EVENTS_COUNTER =
      Pattern.compile("(?m)^berth_gateway_container_events_total(?:\\{[^}]*\\})? ([0-9.E]+)$");

  @ConfigProperty(name = "mp.messaging.incoming.webhook-facts.topics")
  java.util.List<String> factTopics;

  @Test
  void readinessCoversPostgresAndKafka() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body(
            "checks.name",
            hasItems(
                "Reactive PostgreSQL connections health check",
                "SmallRye Reactive Messaging - readiness check"));
  }

  @Test
  void openApiAnswers() {
    given()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("openapi"))
        .body(containsString("/_ping"))
        .body(containsString("/info"));
  }

  @Test
  void requestMetricsAreTaggedWithTheRouteNotTheVersionedPath() {
    given().get("/v1.41/version").then().statusCode(200);
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertTrue(metrics.contains("uri=\"/version\""), "route template tag");
    assertFalse(metrics.contains("uri=\"/v1.41/version\""), "no per-version or per-id series");
  }

  @Test
  void containerEventsAreConsumedAndCounted() {
    assertTrue(factTopics.contains(Topics.CONTAINER_EVENTS), "the fact topics include " + factTopics);
    double before = counter();
    try (var producer =
        new KafkaProducer<String, String>(
            Map.of("bootstrap.servers", BerthInfra.kafkaBootstrap()),
            new StringSerializer(),
            new StringSerializer())) {
      // The consumer starts at the latest offset: keep sending until its assignment has settled.
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                producer.send(new ProducerRecord<>(Topics.CONTAINER_EVENTS, "c1", "{}")).get();
                return counter() > before;
              });
    }
  }

  private static double counter() {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher m = EVENTS_COUNTER.matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
