package io.berth.image.pull;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.berth.image.DistributionRegistry;
import io.berth.image.OciLayouts;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker pull's API against the real distribution registry 2.8.2, and against one answering garbage. */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class PullTest {
  private static DistributionRegistry registry;

  @BeforeAll
  static void startRegistry() throws Exception {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    registry = DistributionRegistry.start();
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  private static void skopeo(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("skopeo", "copy", "--preserve-digests", "--dest-tls-verify=false"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
  }

  private static String pull(String image, String tag) {
    return given().queryParam("fromImage", image).queryParam("tag", tag).post("/images/create")
        .then().statusCode(200).extract().asString();
  }

  @Test
  void pullsOnceThenFindsEverythingPresent() throws Exception {
    Path layout = Files.createTempDirectory("pull-src");
    OciLayouts.Image img = OciLayouts.image(layout, "v1", "data.bin", 300_000, 3, "amd64");
    skopeo("oci:" + layout + ":v1", "docker://" + registry.address() + "/pull/app:v1");
    String name = registry.address() + "/pull/app";

    String first = pull(name, "v1");
    assertTrue(first.contains("\"status\":\"Pulling from pull/app\""), first);
    assertTrue(first.contains("\"status\":\"Pull complete\""), first);
    assertTrue(first.contains("Digest: " + img.manifestDigest()), first);
    assertTrue(first.contains("Status: Downloaded newer image for " + name + ":v1"), first);
    assertFalse(first.contains("errorDetail"), first);
    given().get("/images/" + name + ":v1/json").then().statusCode(200).body("Id", equalTo(img.configDigest()));
    // no history in this config: one line per layer, the top one named by the image id
    given().get("/images/" + name + ":v1/history").then().statusCode(200)
        .body("size()", equalTo(1)).body("[0].Id", equalTo(img.configDigest()));

    io.berth.image.KafkaFacts.find("io.berth.image.pulled.v1", img.configDigest(), name + ":v1");
    String second = pull(name, "v1");
    assertTrue(second.contains("Already exists"), second);
    assertTrue(second.contains("Status: Image is up to date for " + name + ":v1"), second);
    assertFalse(second.contains("Pull complete"), second);

    // the pulled image is served by Berth's own /v2/, as node-runtime reads it to run it
    given().get("/v2/" + name + "/manifests/" + img.manifestDigest()).then().statusCode(200);
    given().get("/v2/" + name + "/blobs/" + img.layerDigest()).then().statusCode(200);
  }

  @Test
  void multiArchIndexResolvesToLinuxAmd64() throws Exception {
    Path layout = Files.createTempDirectory("pull-multi");
    String[] index = new String[1];
    List<OciLayouts.Image> images = OciLayouts.multiArch(layout, "multi", index, "arm64", "amd64");
    skopeo("--all", "oci:" + layout + ":multi", "docker://" + registry.address() + "/pull/multi:1");
    String name = registry.address() + "/pull/multi";
    String out = pull(name, "1");
    assertTrue(out.contains("Digest: " + index[0]), out);
    given().get("/images/" + name + ":1/json").then().statusCode(200)
        .body("Id", equalTo(images.get(1).configDigest())).body("Architecture", equalTo("amd64"));
  }

  @Test
  void unknownImagesAndBadRegistriesAreClearErrors() throws Exception {
    given().queryParam("fromImage", registry.address() + "/pull/none").queryParam("tag", "nope").post("/images/create")
        .then().statusCode(404).body("message", equalTo(
            "manifest for " + registry.address() + "/pull/none:nope not found: manifest unknown: manifest unknown"));
    given().queryParam("fromImage", "team/Upper").post("/images/create").then().statusCode(400);

    HttpServer garbage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    garbage.createContext("/", ex -> {
      byte[] b = "<html>definitely not a manifest".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "text/html");
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    garbage.start();
    try {
      String name = "127.0.0.1:" + garbage.getAddress().getPort() + "/junk/app";
      given().queryParam("fromImage", name).queryParam("tag", "1").post("/images/create").then().statusCode(502)
          .body("message", containsString("not a manifest"));
      given().get("/images/" + name + ":1/json").then().statusCode(404);
    } finally {
      garbage.stop(0);
    }
  }
}
