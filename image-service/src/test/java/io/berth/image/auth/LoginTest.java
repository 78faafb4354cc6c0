package io.berth.image.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.image.DistributionRegistry;
import io.berth.image.OciLayouts;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker login against the real distribution registry with htpasswd (basic) auth, then pull and
 * push with the credentials the CLI would send in X-Registry-Auth; without them both fail clearly.
 */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class LoginTest {
  private static final String USER = "berth";
  private static final String PASSWORD = "s3cret-pass";
  private static DistributionRegistry registry;

  @BeforeAll
  static void startRegistry() throws Exception {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    registry = DistributionRegistry.startWithBasicAuth(USER, PASSWORD);
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  private static String login(String user, String password, String server) {
    return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\",\"serveraddress\":\"" + server + "\"}";
  }

  /** What the CLI sends after docker login: base64url JSON of the stored credentials. */
  private static String registryAuth(String user, String password) {
    String json = "{\"username\":\"" + user + "\",\"password\":\"" + password + "\",\"serveraddress\":\"" + registry.address() + "\"}";
    return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void loginChecksTheCredentialsWithTheRegistry() {
    given().contentType("application/json").body(login(USER, PASSWORD, registry.address())).post("/auth")
        .then().statusCode(200).body("Status", equalTo("Login Succeeded"));
    // the CLI may send a URL as the server address
    given().contentType("application/json").body(login(USER, PASSWORD, "http://" + registry.address() + "/v2/")).post("/auth")
        .then().statusCode(200).body("Status", equalTo("Login Succeeded"));
    given().contentType("application/json").body(login(USER, "wrong", registry.address())).post("/auth")
        .then().statusCode(401).body("message", containsString("401"));
    given().contentType("application/json").body("{\"password\":\"x\"}").post("/auth").then().statusCode(400);
  }

  @Test
  void pullAndPushUseTheCredentialsFromXRegistryAuth() throws Exception {
    Path layout = Files.createTempDirectory("login-layout");
    OciLayouts.image(layout, "v1", "login.txt", 20_000, 77, "amd64");
    Process p = new ProcessBuilder("skopeo", "copy", "--dest-tls-verify=false", "--dest-creds", USER + ":" + PASSWORD,
        "oci:" + layout + ":v1", "docker://" + registry.address() + "/auth/app:v1").redirectErrorStream(true).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

    String image = registry.address() + "/auth/app";
    given().queryParam("fromImage", image).queryParam("tag", "v1").post("/images/create")
        .then().statusCode(404).body("message", containsString("may require 'docker login'"));
    String pulled = given().header("X-Registry-Auth", registryAuth(USER, PASSWORD))
        .queryParam("fromImage", image).queryParam("tag", "v1").post("/images/create")
        .then().statusCode(200).extract().asString();
    assertFalse(pulled.contains("errorDetail"), pulled);
    assertTrue(pulled.contains("Downloaded newer image"), pulled);

    given().urlEncodingEnabled(false).post("/images/" + image + ":v1/tag?repo=" + image + "-copy&tag=v2").then().statusCode(201);
    String refused = given().urlEncodingEnabled(false).post("/images/" + image + "-copy/push?tag=v2")
        .then().statusCode(200).extract().asString();
    assertTrue(refused.contains("errorDetail"), refused);
    String pushed = given().urlEncodingEnabled(false).header("X-Registry-Auth", registryAuth(USER, PASSWORD))
        .post("/images/" + image + "-copy/push?tag=v2").then().statusCode(200).extract().asString();
    assertFalse(pushed.contains("errorDetail"), pushed);
    // the layer was already in auth/app on that registry: docker push mounts it instead of uploading
    assertTrue(pushed.contains("Mounted from auth/app"), pushed);
  }

  @Test
  void insecureRegistriesAndServerAddresses() {
    io.berth.image.pull.RegistryAddresses addresses =
        new io.berth.image.pull.RegistryAddresses(java.util.Optional.of(List.of("registry.lan:5000", "build-cache")));
    assertEquals("http://127.0.0.1:5000", addresses.base("127.0.0.1:5000").toString());
    assertEquals("http://localhost:5050", addresses.base("localhost:5050").toString());
    assertEquals("http://registry.lan:5000", addresses.base("registry.lan:5000").toString());
    assertEquals("https://registry.lan:6000", addresses.base("registry.lan:6000").toString());
    assertEquals("http://build-cache:80", addresses.base("build-cache:80").toString());
    assertEquals("https://ghcr.io", addresses.base("ghcr.io").toString());
    assertEquals("https://registry-1.docker.io", addresses.base("docker.io").toString());
    for (var e : Map.of("", "docker.io", "https://index.docker.io/v1/", "docker.io", "http://127.0.0.1:5000/v2/",
        "127.0.0.1:5000", "ghcr.io", "ghcr.io").entrySet()) {
      assertEquals(e.getValue(), io.berth.image.pull.RegistryAddresses.fromServerAddress(e.getKey()), e.getKey());
    }
  }
}
