package io.berth.image.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.oci.Digest;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Manifest push, discovery (tags, catalog, referrers), negotiation and deletion over /v2/. */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class ManifestPushTest {
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  @BeforeAll
  static void logging() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  private static String image(String repo, String layerContent) {
    String config = PushTestSupport.blob(repo, "{}");
    String layer = PushTestSupport.blob(repo, layerContent);
    return PushTestSupport.manifest(config, 2, "", layer);
  }

  @Test
  void putByTagAndDigestServesTheExactBytes() {
    String manifest = image("mani/exact", "layer-a");
    // odd but valid spacing: the stored bytes must be served unchanged
    String spaced = manifest.replace(",\"layers\"", " ,  \"layers\"");
    String digest = Digest.sha256(spaced.getBytes(StandardCharsets.UTF_8)).toString();
    assertEquals(digest, PushTestSupport.putManifest("mani/exact", "v1", spaced, 201));
    byte[] got = given().get("/v2/mani/exact/manifests/v1").then().statusCode(200)
        .contentType(OCI_MANIFEST).header("Docker-Content-Digest", digest).extract().asByteArray();
    assertArrayEquals(spaced.getBytes(StandardCharsets.UTF_8), got);
    given().head("/v2/mani/exact/manifests/" + digest).then().statusCode(200)
        .header("Content-Length", "" + got.length);
    // by digest, and the wrong digest in the URL is refused
    PushTestSupport.putManifest("mani/exact", digest, spaced, 201);
    String other = Digest.sha256("x".getBytes(StandardCharsets.UTF_8)).toString();
    given().contentType(OCI_MANIFEST).body(manifest.getBytes(StandardCharsets.UTF_8))
        .put("/v2/mani/exact/manifests/" + other).then().statusCode(400).body("errors[0].code", equalTo("DIGEST_INVALID"));
    given().get("/v2/mani/exact/manifests/" + other).then().statusCode(404).body("errors[0].code", equalTo("MANIFEST_UNKNOWN"));
    String fact = io.berth.image.KafkaFacts.find("io.berth.image.pushed.v1", digest, "mani/exact");
    assertEquals(true, fact.contains("\"repository\":\"mani/exact\"") && fact.contains("\"tag\":\"v1\""), fact);
  }

  @Test
  void missingBlobsAndInvalidManifestsAreRefused() {
    String config = PushTestSupport.blob("mani/missing", "{}");
    String absent = Digest.sha256("never pushed".getBytes(StandardCharsets.UTF_8)).toString();
    given().contentType(OCI_MANIFEST).body(PushTestSupport.manifest(config, 2, "", absent).getBytes(StandardCharsets.UTF_8))
        .put("/v2/mani/missing/manifests/v1").then().statusCode(400)
        .body("errors[0].code", equalTo("MANIFEST_BLOB_UNKNOWN")).body("errors[0].detail.digest", equalTo(absent));
    given().get("/v2/mani/missing/manifests/v1").then().statusCode(404);
    given().contentType(OCI_MANIFEST).body("{not json".getBytes(StandardCharsets.UTF_8))
        .put("/v2/mani/missing/manifests/v2").then().statusCode(400).body("errors[0].code", equalTo("MANIFEST_INVALID"));
    given().contentType(OCI_MANIFEST).body(PushTestSupport.manifest(config, 2, "").getBytes(StandardCharsets.UTF_8))
        .put("/v2/mani/missing/manifests/bad:tag!").then().statusCode(400);
    given().get("/v2/mani/missing/manifests/sha256:zz").then().statusCode(400).body("errors[0].code", equalTo("DIGEST_INVALID"));
  }

  @Test
  void indexNeedsItsManifests() {
    String manifest = image("mani/index", "layer-i");
    String child = PushTestSupport.putManifest("mani/index", "child", manifest, 201);
    String absent = Digest.sha256("nope".getBytes(StandardCharsets.UTF_8)).toString();
    String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
        + "{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"%s\",\"size\":1,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}";
    given().contentType("application/vnd.oci.image.index.v1+json").body(String.format(index, absent).getBytes(StandardCharsets.UTF_8))
        .put("/v2/mani/index/manifests/multi").then().statusCode(400).body("errors[0].code", equalTo("MANIFEST_BLOB_UNKNOWN"));
    given().contentType("application/vnd.oci.image.index.v1+json").body(String.format(index, child).getBytes(StandardCharsets.UTF_8))
        .put("/v2/mani/index/manifests/multi").then().statusCode(201);
    given().get("/v2/mani/index/manifests/multi").then().statusCode(200).contentType("application/vnd.oci.image.index.v1+json");
    // an Accept that excludes the index's type: not served
    given().accept("application/vnd.docker.distribution.manifest.v2+json").get("/v2/mani/index/manifests/multi")
        .then().statusCode(404).body("errors[0].code", equalTo("MANIFEST_UNKNOWN"));
    given().accept("application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.index.v1+json")
        .get("/v2/mani/index/manifests/multi").then().statusCode(200);
  }

  @Test
  void tagListPaginatesWithLink() {
    String manifest = image("mani/tags", "layer-t");
    for (String t : new String[] {"d", "a", "c", "b", "e"}) {
      PushTestSupport.putManifest("mani/tags", t, manifest, 201);
    }
    given().get("/v2/mani/tags/tags/list").then().statusCode(200).body("tags", contains("a", "b", "c", "d", "e"));
    given().queryParam("n", 2).get("/v2/mani/tags/tags/list").then().statusCode(200).body("tags", contains("a", "b"))
        .header("Link", "</v2/mani/tags/tags/list?n=2&last=b>; rel=\"next\"");
    given().queryParam("n", 2).queryParam("last", "b").get("/v2/mani/tags/tags/list").then().body("tags", contains("c", "d"));
    given().queryParam("n", 2).queryParam("last", "d").get("/v2/mani/tags/tags/list").then().body("tags", contains("e"))
        .header("Link", nullValue());
    given().queryParam("n", 0).get("/v2/mani/tags/tags/list").then().body("tags", empty());
    given().get("/v2/mani/never-pushed/tags/list").then().statusCode(404).body("errors[0].code", equalTo("NAME_UNKNOWN"));
    given().queryParam("n", 1000).get("/v2/_catalog").then().statusCode(200).body("repositories", hasItems("mani/tags"));
    given().queryParam("n", 1).get("/v2/_catalog").then().statusCode(200).header("Link", org.hamcrest.Matchers.startsWith("</v2/_catalog?n=1&last="));
  }

  @Test
  void referrersListAndFilter() {
    String manifest = image("mani/ref", "layer-r");
    String subject = PushTestSupport.putManifest("mani/ref", "base", manifest, 201);
    String config = PushTestSupport.blob("mani/ref", "{}");
    String sig = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"artifactType\":\"application/vnd.example.sig\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + config + "\",\"size\":2},"
        + "\"layers\":[],\"subject\":{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + subject + "\",\"size\":"
        + manifest.length() + "},\"annotations\":{\"org.example\":\"yes\"}}";
    String sigDigest = given().contentType(OCI_MANIFEST).body(sig.getBytes(StandardCharsets.UTF_8))
        .put("/v2/mani/ref/manifests/" + Digest.sha256(sig.getBytes(StandardCharsets.UTF_8)))
        .then().statusCode(201).header("OCI-Subject", subject).extract().header("Docker-Content-Digest");
    String sbom = sig.replace("vnd.example.sig", "vnd.example.sbom");
    given().contentType(OCI_MANIFEST).body(sbom.getBytes(StandardCharsets.UTF_8))
        .put("/v2/mani/ref/manifests/sbom").then().statusCode(201);
    given().get("/v2/mani/ref/referrers/" + subject).then().statusCode(200)
        .contentType("application/vnd.oci.image.index.v1+json").body("manifests.size()", equalTo(2))
        .header("OCI-Filters-Applied", nullValue());
    given().queryParam("artifactType", "application/vnd.example.sig").get("/v2/mani/ref/referrers/" + subject)
        .then().statusCode(200).header("OCI-Filters-Applied", "artifactType").body("manifests.size()", equalTo(1))
        .body("manifests[0].digest", equalTo(sigDigest)).body("manifests[0].annotations.'org.example'", equalTo("yes"))
        .body("manifests[0].artifactType", equalTo("application/vnd.example.sig"));
    given().get("/v2/mani/ref/referrers/" + sigDigest).then().statusCode(200).body("manifests", empty());
    given().get("/v2/mani/ref/referrers/sha256:bad").then().statusCode(400);
  }

  @Test
  void deleteTagsManifestsAndBlobs() {
    String manifest = image("mani/del", "layer-d");
    String digest = PushTestSupport.putManifest("mani/del", "one", manifest, 201);
    PushTestSupport.putManifest("mani/del", "two", manifest, 201);
    given().delete("/v2/mani/del/manifests/one").then().statusCode(202);
    given().get("/v2/mani/del/manifests/one").then().statusCode(404);
    given().get("/v2/mani/del/tags/list").then().body("tags", contains("two"));
    given().delete("/v2/mani/del/manifests/" + digest).then().statusCode(202);
    given().get("/v2/mani/del/manifests/two").then().statusCode(404).body("errors[0].code", equalTo("MANIFEST_UNKNOWN"));
    given().get("/v2/mani/del/manifests/" + digest).then().statusCode(404);
    given().delete("/v2/mani/del/manifests/" + digest).then().statusCode(404);
    given().get("/v2/mani/del/tags/list").then().statusCode(200).body("tags", empty());
  }
}
