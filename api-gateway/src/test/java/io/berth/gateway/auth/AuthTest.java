package io.berth.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.gateway.auth.token.TokenSecret;
import io.berth.gateway.socket.UnixSocketHttp;
import io.berth.testing.BerthInfra;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens and roles on the TCP listener, the unix socket's trust, the first admin token. */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class AuthTest {

  private final Path home = BerthInfra.berthHome();

  @Inject Pool pool;
  @Inject AuthenticationRoute route;

  // As in production; the other test classes run with tokens off (a @TestProfile restart would
  // restart the shared test infrastructure too).
  @BeforeEach
  void requireTokens() {
    route.requireTokens(true);
  }

  @AfterEach
  void back() {
    route.requireTokens(false);
  }

  private String admin() throws Exception {
    return Files.readString(home.resolve("admin-token")).strip();
  }

  private JsonPath create(String role) throws Exception {
    return given().auth().oauth2(admin()).contentType(ContentType.JSON)
        .body(Map.of("name", role + "-" + UUID.randomUUID().toString().substring(0, 8), "role", role))
        .post("/berth/v1/tokens")
        .then().statusCode(201).body("secret", notNullValue()).body("role", equalTo(role))
        .extract().jsonPath();
  }

  @Test
  void firstAdminTokenIsWrittenOnlyForRoot() throws Exception {
    Path file = home.resolve("admin-token");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    given().auth().oauth2(admin()).get("/berth/v1/tokens/self")
        .then().statusCode(200).body("role", equalTo("admin")).body("transport", equalTo("tcp"));
  }

  @Test
  void withoutATokenTcpAnswers401() {
    given().get("/_ping").then().statusCode(401)
        .header("WWW-Authenticate", containsString("Bearer"))
        .body("message", containsString("Authorization: Bearer"));
    given().auth().oauth2("berth_not-a-token").get("/v1.41/info").then().statusCode(401)
        .body("message", containsString("unknown or revoked"));
  }

  @Test
  void quarkusEndpointsStayOpenOnLoopback() {
    given().get("/q/health/live").then().statusCode(200);
  }

  @Test
  void unixSocketIsTrustedAsAdmin() throws Exception {
    String response = UnixSocketHttp.exchange(home.resolve("run/berth.sock"),
        "GET /berth/v1/tokens/self HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertTrue(response.startsWith("HTTP/1.1 200"), response);
    assertTrue(response.contains("\"role\":\"admin\""), response);
    assertTrue(response.contains("\"transport\":\"unix\""), response);
  }

  @Test
  void viewerReadsButMayNotChange() throws Exception {
    String viewer = create("viewer").getString("secret");
    given().auth().oauth2(viewer).get("/v1.41/_ping").then().statusCode(200);
    given().auth().oauth2(viewer).delete("/v1.41/containers/x").then().statusCode(403)
        .body("message", containsString("has role viewer, which may not DELETE /containers/x"));
    given().auth().oauth2(viewer).get("/berth/v1/tokens").then().statusCode(403);
    given().auth().oauth2(viewer).get("/berth/v1/tokens/self").then().statusCode(200).body("role", equalTo("viewer"));
  }

  @Test
  void operatorMayNotAdministerThePlatform() throws Exception {
    String operator = create("operator").getString("secret");
    given().auth().oauth2(operator).get("/berth/v1/webhooks").then().statusCode(403);
    given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("name", "x", "role", "admin"))
        .post("/berth/v1/tokens").then().statusCode(403);
  }

  @Test
  void auditorSeesOnlyTheAuditLog() throws Exception {
    String auditor = create("auditor").getString("secret");
    given().auth().oauth2(auditor).get("/_ping").then().statusCode(200);
    given().auth().oauth2(auditor).get("/info").then().statusCode(403);
  }

  @Test
  void revokedTokenStopsWorkingAndListShowsNoSecrets() throws Exception {
    JsonPath created = create("viewer");
    String secret = created.getString("secret");
    String id = created.getString("id");
    given().auth().oauth2(secret).get("/_ping").then().statusCode(200);

    given().auth().oauth2(admin()).get("/berth/v1/tokens").then().statusCode(200)
        .body("id", hasItem(id)).body("find { it.id == '" + id + "' }.secret", nullValue());
    given().auth().oauth2(admin()).delete("/berth/v1/tokens/" + id).then().statusCode(204);
    given().auth().oauth2(secret).get("/_ping").then().statusCode(401);
    given().auth().oauth2(admin()).get("/berth/v1/tokens").then()
        .body("find { it.id == '" + id + "' }.revokedAt", notNullValue());
    given().auth().oauth2(admin()).delete("/berth/v1/tokens/" + UUID.randomUUID()).then().statusCode(404)
        .body("message", containsString("no such token"));
  }

  @Test
  void invalidRequestsGetDockerStyleErrors() throws Exception {
    given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("name", "x y", "role", "viewer"))
        .post("/berth/v1/tokens").then().statusCode(400).body("message", containsString("invalid token name"));
    given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("name", "ok", "role", "root"))
        .post("/berth/v1/tokens").then().statusCode(400).body("message", containsString("invalid role"));
    String name = "dup-" + UUID.randomUUID().toString().substring(0, 8);
    given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("name", name, "role", "viewer"))
        .post("/berth/v1/tokens").then().statusCode(201);
    given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("name", name, "role", "viewer"))
        .post("/berth/v1/tokens").then().statusCode(409);
  }

  @Test
  void secretsAreStoredOnlyAsHashes() throws Exception {
    String secret = create("viewer").getString("secret");
    assertTrue(secret.startsWith("berth_"));
    String query = "select count(*) from gateway.api_token where secret_sha256 = $1";
    assertEquals(1L, pool.preparedQuery(query).execute(Tuple.of(TokenSecret.hash(secret)))
        .await().indefinitely().iterator().next().getLong(0));
    assertEquals(0L, pool.preparedQuery(query.replace("secret_sha256 =", "secret_sha256 = $1 or name ="))
        .execute(Tuple.of(secret)).await().indefinitely().iterator().next().getLong(0));
  }
}
