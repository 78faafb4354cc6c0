package io.berth.image.registry.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pushes need a Berth token of role admin or operator; pulls stay anonymous. */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class RegistryAuthTest {

  // Switched on here only: a @TestProfile restart would restart the shared test infrastructure too.
  @Inject RegistryAuthRoute route;
  @Inject TokenVerifier verifier;

  @BeforeEach
  void on() {
    verifier.verifyAt(java.net.URI.create(StubGateway.url()));
    route.enable(true);
  }

  @AfterEach
  void off() {
    route.enable(false);
  }

  @Test
  void anonymousWritesAreChallenged() {
    given().post("/v2/auth/anon/blobs/uploads/").then().statusCode(401)
        .header("WWW-Authenticate", "Basic realm=\"berth\"")
        .body("errors[0].code", equalTo("UNAUTHORIZED"));
    given().delete("/v2/auth/anon/manifests/v1").then().statusCode(401);
  }

  @Test
  void anonymousReadsPassButTheVersionCheckAsksForCredentials() {
    given().get("/v2/auth/none/manifests/v1").then().statusCode(404).body("errors[0].code", equalTo("NAME_UNKNOWN"));
    given().get("/v2/").then().statusCode(401).header("WWW-Authenticate", "Basic realm=\"berth\"");
    given().auth().preemptive().basic("", "").get("/v2/auth/none/manifests/v1").then().statusCode(404);
    given().auth().preemptive().basic("anyone", "op-secret").get("/v2/").then().statusCode(200);
    given().auth().preemptive().basic("anyone", "wrong").get("/v2/").then().statusCode(401)
        .body("errors[0].code", equalTo("UNAUTHORIZED"));
  }

  @Test
  void onlyAdminsAndOperatorsPush() {
    given().auth().preemptive().basic("u", "view-secret").post("/v2/auth/viewer/blobs/uploads/").then().statusCode(403)
        .body("errors[0].code", equalTo("DENIED"));
    given().auth().preemptive().basic("u", "op-secret").post("/v2/auth/op/blobs/uploads/").then().statusCode(202);
    given().auth().preemptive().basic("u", "admin-secret").post("/v2/auth/admin/blobs/uploads/").then().statusCode(202);
  }

  @Test
  void skopeoPushesWithCredentialsAndPullsWithout() throws Exception {
    Path source = Files.createTempDirectory("oci-auth");
    io.berth.image.OciLayouts.image(source, "v1", "random.bin", 10_000, 1, "amd64");
    String target = "docker://127.0.0.1:" + RestAssured.port + "/auth/skopeo:v1";

    Result anonymous = run("skopeo", "copy", "--dest-tls-verify=false", "oci:" + source + ":v1", target);
    assertNotEquals(0, anonymous.code(), anonymous.out());
    Result pushed = run("skopeo", "copy", "--dest-tls-verify=false", "--dest-creds", "ci:op-secret", "oci:" + source + ":v1", target);
    assertEquals(0, pushed.code(), pushed.out());
    Result pulled = run("skopeo", "inspect", "--raw", "--tls-verify=false", target);
    assertEquals(0, pulled.code(), pulled.out());
    assertTrue(pulled.out().contains("layers"), pulled.out());
  }

  record Result(int code, String out) {}

  private static Result run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "skopeo timed out");
    return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
