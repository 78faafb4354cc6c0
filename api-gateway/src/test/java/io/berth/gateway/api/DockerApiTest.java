package io.berth.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class DockerApiTest {

  @Test
  void pingAnswersGetAndHeadWithDockersHeaders() {
    for (String path : new String[] {"/_ping", "/v1.41/_ping"}) {
      given()
          .get(path)
          .then()
          .statusCode(200)
          .body(equalTo("OK"))
          .header("Api-Version", "1.41")
          .header("Ostype", "linux")
          .header("Docker-Experimental", "false")
          .header("Cache-Control", "no-cache, no-store, must-revalidate")
          .header("Pragma", "no-cache")
          .header("Builder-Version", "1")
          .header("Server", "Berth/0.1.0-SNAPSHOT (linux)");
    }
    given()
        .head("/_ping")
        .then()
        .statusCode(200)
        .header("Api-Version", "1.41")
        .header("Content-Length", "0")
        .header("Server", startsWith("Berth/"));
  }

  @Test
  void versionHasDockersShape() {
    given()
        .get("/v1.41/version")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .header("Api-Version", "1.41")
        .header("Ostype", "linux")
        .body("Platform.Name", equalTo("Berth"))
        .body("Components[0].Name", equalTo("Engine"))
        .body("Components[0].Version", equalTo("0.1.0-SNAPSHOT"))
        .body("Components[0].Details.ApiVersion", equalTo("1.41"))
        .body("Version", equalTo("0.1.0-SNAPSHOT"))
        .body("ApiVersion", equalTo("1.41"))
        .body("MinAPIVersion", equalTo("1.12"))
        .body("Os", equalTo("linux"))
        .body("Arch", equalTo("amd64"))
        .body("KernelVersion", equalTo(System.getProperty("os.version")))
        .body("BuildTime", not(emptyString()))
        .body("GoVersion", startsWith("java"));
  }

  @Test
  void versionsOutsideTheSupportedRangeGetDockers400() {
    given()
        .get("/v1.52/version")
        .then()
        .statusCode(400)
        .contentType("application/json")
        .header("Api-Version", "1.41")
        .body(
            "message",
            equalTo("client version 1.52 is too new. Maximum supported API version is 1.41"));
    given()
        .get("/v1.11/info")
        .then()
        .statusCode(400)
        .body("message", startsWith("client version 1.11 is too old. Minimum supported API"));
  }

  @Test
  void reroutedRequestsKeepTheirQueryAndKnowTheirVersion() {
    given()
        .get("/v1.24/_test/echo?all=1")
        .then()
        .statusCode(200)
        .body("version", equalTo("1.24"))
        .body("path", equalTo("/_test/echo"))
        .body("all", equalTo("1"));
    given().get("/_test/echo").then().statusCode(200).body("version", equalTo("1.41")).body("all", nullValue());
  }

  @Test
  void unknownRoutesAndWrongMethodsAreDockersJson404() {
    for (String path : new String[] {"/nope", "/v1.41/containers/x/nope", "/v1.41/v1.41/version"}) {
      given()
          .get(path)
          .then()
          .statusCode(404)
          .contentType("application/json")
          .header("Api-Version", "1.41")
          .body("message", equalTo("page not found"));
    }
    given().delete("/v1.41/version").then().statusCode(404).contentType("application/json").body("message", equalTo("page not found"));
    given().post("/_ping").then().statusCode(404).body("message", equalTo("page not found"));
  }

  @Test
  void internalErrorsAreJson500WithoutStackTrace() {
    given()
        .get("/v1.41/_test/boom")
        .then()
        .statusCode(500)
        .contentType("application/json")
        .body("message", equalTo("the store is broken"))
        .body(not(org.hamcrest.Matchers.containsString("at io.berth")));
  }
}
