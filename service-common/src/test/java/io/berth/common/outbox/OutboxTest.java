package io.berth.common.outbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.inbox.IncomingEvents;
import io.berth.common.testapp.TestDb;
import io.berth.common.testapp.TestKafka;
import io.berth.common.testapp.TestResource;
import io.berth.events.CloudEvent;
import io.berth.events.Topics;
import io.berth.events.container.v1.ContainerCreated;
import io.berth.testing.BerthInfra;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The outbox against real PostgreSQL and Kafka: commit publishes, rollback does not. */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class OutboxTest {
  @Inject OutboxRelay relay;

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void committedEventIsPublishedWithCloudEventHeadersAndKeyThenMarkedSent() {
    String containerId = UUID.randomUUID().toString().replace("-", "").repeat(2);
    String eventId = given().post("/test/containers/" + containerId).then().statusCode(200).extract().asString();
    Instant committed = Instant.now();

    List<ConsumerRecord<String, byte[]>> records = TestKafka.find(
        Topics.CONTAINER_EVENTS, r -> containerId.equals(r.key()), 1, Duration.ofSeconds(15));
    assertEquals(1, records.size(), "published exactly once");
    ConsumerRecord<String, byte[]> record = records.get(0);
    assertEquals("1.0", TestKafka.header(record, "ce_specversion"));
    assertEquals(eventId, TestKafka.header(record, "ce_id"));
    assertEquals(TestResource.SOURCE, TestKafka.header(record, "ce_source"));
    assertEquals("io.berth.container.created.v1", TestKafka.header(record, "ce_type"));
    assertEquals(containerId, TestKafka.header(record, "ce_subject"));
    assertEquals("berth:/schemas/container-created.v1.json", TestKafka.header(record, "ce_dataschema"));
    assertEquals("application/json", TestKafka.header(record, "content-type"));
    assertNotNull(Instant.parse(TestKafka.header(record, "ce_time")));

    CloudEvent<?> event = IncomingEvents.decode(record);
    ContainerCreated created = (ContainerCreated) event.data();
    assertEquals(containerId, created.containerId());
    assertEquals("busybox:latest", created.image());
    System.out.printf("outbox: commit -> record timestamp %d ms%n",
        record.timestamp() - committed.toEpochMilli());

    await().atMost(Duration.ofSeconds(5)).until(() -> TestDb.count(
        "select count(*) from common_test.outbox where id = ?::uuid and sent_at is not null", eventId) == 1);
  }

  @Test
  void rolledBackTransactionPublishesNothing() {
    String containerId = UUID.randomUUID().toString().replace("-", "").repeat(2);
    given().post("/test/containers/" + containerId + "?fail=true")
        .then().statusCode(409).body("message", containsString("already in use"));

    assertEquals(0, TestDb.count("select count(*) from common_test.outbox where subject = ?", containerId));
    assertEquals(0, TestDb.count("select count(*) from common_test.widget where name = ?", containerId));
    // Longer than a sweep interval: nothing may show up.
    assertTrue(TestKafka.find(Topics.CONTAINER_EVENTS, r -> containerId.equals(r.key()), 1,
        Duration.ofSeconds(3)).isEmpty());
  }

  @Test
  void onlyTheSessionHoldingTheSchemasLockRelays() throws Exception {
    relay.close(); // drop the relay's session and its lock, as if another replica had taken over
    try (Connection other = DriverManager.getConnection(BerthInfra.jdbcUrl(), BerthInfra.dbUser(), "berth")) {
      try (PreparedStatement lock = other.prepareStatement("select pg_advisory_lock(hashtext(?))")) {
        lock.setString(1, "berth.outbox.common_test");
        lock.executeQuery().close();
      }
      String containerId = UUID.randomUUID().toString().replace("-", "").repeat(2);
      String eventId = given().post("/test/containers/" + containerId).then().statusCode(200).extract().asString();
      // Woken by the commit and by two sweeps, the relay cannot lead: the row waits.
      assertTrue(TestKafka.find(Topics.CONTAINER_EVENTS, r -> containerId.equals(r.key()), 1,
          Duration.ofMillis(2500)).isEmpty());
      assertEquals(1, TestDb.count(
          "select count(*) from common_test.outbox where id = ?::uuid and sent_at is null", eventId));

      other.close(); // the other session ends: its lock goes with it
      assertEquals(1, TestKafka.find(Topics.CONTAINER_EVENTS, r -> containerId.equals(r.key()), 1,
          Duration.ofSeconds(10)).size(), "the next sweep leads and publishes");
      await().atMost(Duration.ofSeconds(5)).until(() -> TestDb.count(
          "select count(*) from common_test.outbox where id = ?::uuid and sent_at is not null", eventId) == 1);
    }
  }

  @Test
  void addOutsideATransactionIsRefused() {
    String containerId = UUID.randomUUID().toString().replace("-", "").repeat(2);
    given().post("/test/no-transaction/" + containerId)
        .then().statusCode(500).body("message", containsString("internal server error"));
    assertEquals(0, TestDb.count("select count(*) from common_test.outbox where subject = ?", containerId));
  }
}
