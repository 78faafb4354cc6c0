package io.berth.image.push;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.image.DistributionRegistry;
import io.berth.image.TestTars;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker tag, and docker push to the real distribution registry 2.8.2 (read back with skopeo). */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class TagAndPushTest {
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

  private static String importImage(String repo, String content) throws Exception {
    String body = given().body(TestTars.tar("file.txt", content)).queryParam("fromSrc", "-").queryParam("repo", repo)
        .post("/images/create").then().statusCode(200).extract().asString();
    return body.substring(body.indexOf("sha256:"), body.lastIndexOf('"'));
  }

  @Test
  void tagPointsANewNameAtTheImage() throws Exception {
    String id = importImage("tagsrc:1", "tag me");
    given().urlEncodingEnabled(false).post("/images/tagsrc:1/tag?repo=example.com:5000/team/tagged&tag=2")
        .then().statusCode(201);
    given().urlEncodingEnabled(false).get("/images/example.com:5000/team/tagged:2/json").then().statusCode(200)
        .body("Id", equalTo(id)).body("RepoTags", hasItem("tagsrc:1"));
    given().post("/images/tagsrc:1/tag?repo=plain").then().statusCode(201);
    given().get("/images/plain:latest/json").then().statusCode(200).body("Id", equalTo(id));
    io.berth.image.KafkaFacts.find("io.berth.image.tagged.v1", id, "example.com:5000/team/tagged:2");
    given().post("/images/no-such-image/tag?repo=x&tag=1").then().statusCode(404);
    given().post("/images/tagsrc:1/tag?repo=Bad/Name&tag=1").then().statusCode(400);
    given().post("/images/tagsrc:1/tag?repo=ok&tag=bad:tag").then().statusCode(400);
  }

  @Test
  void historyListsTheImportStepWithItsComment() throws Exception {
    String id = given().body(TestTars.tar("h.txt", "history")).queryParam("fromSrc", "-").queryParam("repo", "hist:1")
        .queryParam("message", "made for history").post("/images/create").then().statusCode(200).extract().asString();
    id = id.substring(id.indexOf("sha256:"), id.lastIndexOf('"'));
    given().get("/images/hist:1/history").then().statusCode(200)
        .body("size()", equalTo(1)).body("[0].Id", equalTo(id)).body("[0].Tags", hasItem("hist:1"))
        .body("[0].Comment", equalTo("made for history")).body("[0].Size", org.hamcrest.Matchers.greaterThan(0));
    given().get("/images/no-such/history").then().statusCode(404);
    // docker images --filter reference=hist / since=hist:1 (nothing newer than the newest here)
    given().queryParam("filters", "{\"reference\":{\"hist\":true}}").get("/images/json").then().statusCode(200)
        .body("size()", equalTo(1)).body("[0].Id", equalTo(id));
    given().queryParam("filters", "{\"since\":{\"hist:1\":true},\"reference\":{\"hist\":true}}")
        .get("/images/json").then().statusCode(200).body("size()", equalTo(0));
    given().queryParam("filters", "{\"before\":{\"no-such:1\":true}}").get("/images/json").then().statusCode(404);
  }

  @Test
  void pushSendsOnlyMissingBlobsAndKeepsTheDigest() throws Exception {
    String name = registry.address() + "/push/app";
    importImage("pushsrc:1", "push me " + System.nanoTime());
    given().urlEncodingEnabled(false).post("/images/pushsrc:1/tag?repo=" + name + "&tag=1").then().statusCode(201);
    String manifestDigest = given().urlEncodingEnabled(false).get("/images/" + name + ":1/json").then().statusCode(200)
        .extract().path("RepoDigests[0]");

    String first = given().urlEncodingEnabled(false).header("X-Registry-Auth", "e30=").post("/images/" + name + "/push?tag=1")
        .then().statusCode(200).extract().asString();
    assertTrue(first.contains("The push refers to repository [" + name + "]"), first);
    assertTrue(first.contains("\"status\":\"Pushed\""), first);
    assertFalse(first.contains("errorDetail"), first);
    String inspect = skopeo("inspect", "--tls-verify=false", "docker://" + name + ":1");
    assertTrue(inspect.contains("\"Digest\": \"" + manifestDigest.substring(manifestDigest.indexOf('@') + 1) + "\""), inspect);

    String second = given().urlEncodingEnabled(false).post("/images/" + name + "/push?tag=1").then().statusCode(200)
        .extract().asString();
    assertTrue(second.contains("Layer already exists"), second);
    assertFalse(second.contains("\"status\":\"Pushed\""), second);

    given().urlEncodingEnabled(false).post("/images/" + name + "/push?tag=nope").then().statusCode(404)
        .body("message", equalTo("An image does not exist locally with the tag: " + name + ":nope"));
  }

  private static String skopeo(String... args) throws Exception {
    var cmd = new java.util.ArrayList<String>();
    cmd.add("skopeo");
    cmd.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
