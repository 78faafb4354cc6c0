package io.berth.common.error;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Every failure reaches the client as Docker's {"message": ...} with the right status. */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class ErrorMapperTest {

  @Test
  void errorKindsMapToTheirStatus() {
    given().get("/test/errors/notfound").then().statusCode(404)
        .contentType(ContentType.JSON).body("message", equalTo("No such container: web"));
    given().get("/test/errors/conflict").then().statusCode(409).body("message", containsString("already in use"));
    given().get("/test/errors/invalid").then().statusCode(400).body("message", equalTo("invalid reference format"));
    given().get("/test/errors/unavailable").then().statusCode(503).body("message", equalTo("no node available"));
  }

  @Test
  void unexpectedErrorsAreA500WithoutDetails() {
    given().get("/test/errors/boom").then().statusCode(500)
        .body("message", containsString("internal server error"))
        .body(not(containsString("secret internal detail")))
        .body(not(containsString("at io.berth")));
  }

  @Test
  void routingErrorsSpeakDocker() {
    given().get("/no/such/route").then().statusCode(404).body("message", equalTo("page not found"));
    given().delete("/test/echo").then().statusCode(405).body("message", equalTo("method not allowed"));
  }

  @Test
  void malformedJsonBodiesAreA400() {
    given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"count\": ")
        .post("/test/echo").then().statusCode(400).body("message", containsString("invalid JSON"));
    given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"count\": \"many\"}")
        .post("/test/echo").then().statusCode(400).body("message", containsString("invalid JSON"));
    given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"count\": 2}")
        .post("/test/echo").then().statusCode(200).body("count", equalTo(2));
  }
}
