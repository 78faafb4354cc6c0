package io.berth.image.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.berth.image.TestTars;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker image prune (dangling, then -a), narrowed by a label so images of other test classes in
 * this shared service are left alone; docker search answers "not supported".
 */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class PruneAndSearchTest {

  @BeforeAll
  static void logging() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  private static String importImage(String repo, String label) throws Exception {
    String body = given().body(TestTars.tar("f.txt", "prune " + UUID.randomUUID())).queryParam("fromSrc", "-")
        .queryParam("repo", repo).queryParam("changes", "LABEL prunetest=" + label)
        .post("/images/create").then().statusCode(200).extract().asString();
    return body.substring(body.indexOf("sha256:"), body.lastIndexOf('"'));
  }

  @Test
  void danglingFirstThenEverythingUnused() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String dangling = importImage("prune-" + run + ":1", run);
    String tagged = importImage("prune-" + run + ":1", run); // moves the tag: the first image dangles
    String other = importImage("prune-other-" + run + ":1", "other" + run);
    String labelFilter = "\"label\":{\"prunetest=" + run + "\":true}";

    given().queryParam("filters", "{\"dangling\":{\"true\":true}," + labelFilter + "}").post("/images/prune")
        .then().statusCode(200)
        .body("ImagesDeleted.Deleted", hasItem(dangling))
        .body("ImagesDeleted.Deleted", not(hasItem(tagged)))
        .body("SpaceReclaimed", greaterThan(0));
    given().get("/images/" + dangling + "/json").then().statusCode(404);
    given().get("/images/prune-" + run + ":1/json").then().statusCode(200).body("Id", equalTo(tagged));

    // nothing left to prune: ImagesDeleted is null, as dockerd sends it
    given().queryParam("filters", "{\"dangling\":{\"true\":true}," + labelFilter + "}").post("/images/prune")
        .then().statusCode(200).body("ImagesDeleted", nullValue()).body("SpaceReclaimed", equalTo(0));

    // -a: tagged but unused images go too (untagged, then deleted)
    given().queryParam("filters", "{\"dangling\":{\"false\":true}," + labelFilter + "}").post("/images/prune")
        .then().statusCode(200)
        .body("ImagesDeleted.Untagged", hasItem("prune-" + run + ":1"))
        .body("ImagesDeleted.Deleted", hasItem(tagged));
    given().get("/images/prune-" + run + ":1/json").then().statusCode(404);
    given().get("/images/" + other + "/json").then().statusCode(200);

    given().queryParam("filters", "{\"dangling\":{\"false\":true},\"until\":{\"1h\":true},\"label\":{\"prunetest=other"
        + run + "\":true}}").post("/images/prune").then().statusCode(200).body("ImagesDeleted", nullValue());
    given().get("/images/" + other + "/json").then().statusCode(200);
    given().queryParam("filters", "{\"reference\":{\"x\":true}}").post("/images/prune").then().statusCode(400)
        .body("message", containsString("invalid filter"));
  }

  @Test
  void searchIsNotSupported() {
    given().queryParam("term", "busybox").get("/images/search").then().statusCode(501)
        .body("message", containsString("not supported"));
  }
}
