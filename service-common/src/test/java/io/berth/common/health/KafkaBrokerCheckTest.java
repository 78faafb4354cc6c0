package io.berth.common.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Readiness names the real broker; a broker that does not answer is DOWN. */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class KafkaBrokerCheckTest {

  @Test
  void readinessIncludesTheBroker() {
    given().get("/q/health/ready").then().statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("Kafka broker"))
        .body("checks.find { it.name == 'Kafka broker' }.status", equalTo("UP"));
  }

  @Test
  void aBrokerThatDoesNotAnswerIsDown() {
    KafkaBrokerCheck check = new KafkaBrokerCheck("127.0.0.1:1");
    try {
      assertEquals(HealthCheckResponse.Status.DOWN, check.call().getStatus());
    } finally {
      check.close();
    }
  }
}
