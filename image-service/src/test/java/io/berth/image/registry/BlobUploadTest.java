package io.berth.image.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.oci.Digest;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Blob push over /v2/: every upload flavour, its errors, and that failures leave nothing behind. */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class BlobUploadTest {
  private static final String OCTETS = "application/octet-stream";

  @ConfigProperty(name = "berth.home")
  Path home;

  @BeforeAll
  static void logging() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  private static String start(String repo) {
    return given().post("/v2/" + repo + "/blobs/uploads/").then().statusCode(202)
        .header("Location", startsWith("/v2/" + repo + "/blobs/uploads/")).header("Range", "0-0")
        .extract().header("Location");
  }

  @Test
  void monolithicPostThenPut() {
    byte[] data = "post then put".getBytes(StandardCharsets.UTF_8);
    String digest = Digest.sha256(data).toString();
    String location = start("push/mono");
    given().contentType(OCTETS).body(data).queryParam("digest", digest).put(location).then().statusCode(201)
        .header("Location", "/v2/push/mono/blobs/" + digest).header("Docker-Content-Digest", digest);
    assertArrayEquals(data, given().get("/v2/push/mono/blobs/" + digest).then().statusCode(200).extract().asByteArray());
    given().head("/v2/push/mono/blobs/" + digest).then().statusCode(200).header("Content-Length", "" + data.length);
  }

  @Test
  void singlePostWithDigest() {
    String digest = PushTestSupport.blob("push/single", "one request");
    given().get("/v2/push/single/blobs/" + digest).then().statusCode(200).body(equalTo("one request"));
  }

  @Test
  void chunkedWithStatusAndOutOfOrderChunks() {
    byte[] data = "0123456789abcdefghij".getBytes(StandardCharsets.UTF_8);
    String digest = Digest.sha256(data).toString();
    String location = start("push/chunked");
    String next = given().contentType(OCTETS).header("Content-Range", "0-9").body(slice(data, 0, 10))
        .patch(location).then().statusCode(202).header("Range", "0-9").extract().header("Location");
    given().get(next).then().statusCode(204).header("Range", "0-9").header("Location", next);
    // repeated chunk, then a gap: both 416, and the session keeps what it had
    given().contentType(OCTETS).header("Content-Range", "0-9").body(slice(data, 0, 10)).patch(next).then().statusCode(416)
        .body("errors[0].code", equalTo("BLOB_UPLOAD_INVALID"));
    given().contentType(OCTETS).header("Content-Range", "12-19").body(slice(data, 12, 8)).patch(next).then().statusCode(416);
    given().get(next).then().statusCode(204).header("Range", "0-9");
    next = given().contentType(OCTETS).header("Content-Range", "10-14").body(slice(data, 10, 5))
        .patch(next).then().statusCode(202).header("Range", "0-14").extract().header("Location");
    // the last chunk rides on the PUT
    given().contentType(OCTETS).header("Content-Range", "15-19").body(slice(data, 15, 5)).queryParam("digest", digest)
        .put(next).then().statusCode(201);
    assertArrayEquals(data, given().get("/v2/push/chunked/blobs/" + digest).asByteArray());
    given().get(next).then().statusCode(404).body("errors[0].code", equalTo("BLOB_UPLOAD_UNKNOWN"));
  }

  @Test
  void streamedPatchWithoutContentRange() {
    byte[] data = new byte[300_000];
    new java.util.Random(7).nextBytes(data);
    String digest = Digest.sha256(data).toString();
    String location = start("push/streamed");
    String next = given().contentType(OCTETS).body(slice(data, 0, 100_000)).patch(location).then().statusCode(202)
        .header("Range", "0-99999").extract().header("Location");
    next = given().contentType(OCTETS).body(slice(data, 100_000, 200_000)).patch(next).then().statusCode(202)
        .header("Range", "0-299999").extract().header("Location");
    given().queryParam("digest", digest).put(next).then().statusCode(201);
    assertArrayEquals(data, given().get("/v2/push/streamed/blobs/" + digest).asByteArray());
  }

  @Test
  void wrongDigestIsRejectedAndLeavesNothing() throws Exception {
    byte[] data = "not what you said".getBytes(StandardCharsets.UTF_8);
    String claimed = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8)).toString();
    String location = start("push/wrong");
    given().contentType(OCTETS).body(data).queryParam("digest", claimed).put(location).then().statusCode(400)
        .body("errors[0].code", equalTo("DIGEST_INVALID"));
    given().get(location).then().statusCode(404).body("errors[0].code", equalTo("BLOB_UPLOAD_UNKNOWN"));
    given().head("/v2/push/wrong/blobs/" + claimed).then().statusCode(404);
    given().head("/v2/push/wrong/blobs/" + Digest.sha256(data)).then().statusCode(404);
    // the single-POST form too
    given().contentType(OCTETS).body(data).queryParam("digest", claimed).post("/v2/push/wrong/blobs/uploads/")
        .then().statusCode(400).body("errors[0].code", equalTo("DIGEST_INVALID"));
    assertEquals(0, files(home.resolve("images/ingest")));
    String id = location.substring(location.lastIndexOf('/') + 1);
    assertEquals(false, Files.exists(home.resolve("images/uploads").resolve(id)));
  }

  @Test
  void cancelEndsTheSession() {
    String location = start("push/cancel");
    given().contentType(OCTETS).body("abc".getBytes(StandardCharsets.UTF_8)).patch(location).then().statusCode(202);
    given().delete(location).then().statusCode(204);
    given().get(location).then().statusCode(404).body("errors[0].code", equalTo("BLOB_UPLOAD_UNKNOWN"));
    given().delete(location).then().statusCode(404);
    // a session of one repository is unknown to another
    String other = start("push/cancel");
    given().get(other.replace("push/cancel", "push/elsewhere")).then().statusCode(404);
  }

  @Test
  void crossRepositoryMount() {
    String digest = PushTestSupport.blob("push/mount-src", "mount me");
    given().queryParam("mount", digest).queryParam("from", "push/mount-src").post("/v2/push/mount-dst/blobs/uploads/")
        .then().statusCode(201).header("Location", "/v2/push/mount-dst/blobs/" + digest);
    given().get("/v2/push/mount-dst/blobs/" + digest).then().statusCode(200).body(equalTo("mount me"));
    // not in the source repository: an ordinary upload session instead
    given().queryParam("mount", digest).queryParam("from", "push/no-such-repo").post("/v2/push/mount-x/blobs/uploads/")
        .then().statusCode(202);
    given().head("/v2/push/mount-x/blobs/" + digest).then().statusCode(404);
  }

  @Test
  void rangeRequestsAndDelete() {
    String digest = PushTestSupport.blob("push/range", "0123456789");
    given().header("Range", "bytes=2-5").get("/v2/push/range/blobs/" + digest).then().statusCode(206)
        .header("Content-Range", "bytes 2-5/10").body(equalTo("2345"));
    given().header("Range", "bytes=7-").get("/v2/push/range/blobs/" + digest).then().statusCode(206).body(equalTo("789"));
    given().header("Range", "bytes=10-12").get("/v2/push/range/blobs/" + digest).then().statusCode(416);
    given().delete("/v2/push/range/blobs/" + digest).then().statusCode(202);
    given().get("/v2/push/range/blobs/" + digest).then().statusCode(404).body("errors[0].code", equalTo("BLOB_UNKNOWN"));
    given().delete("/v2/push/range/blobs/" + digest).then().statusCode(404);
  }

  @Test
  void malformedInputIs400() {
    given().get("/v2/push/bad/blobs/sha256:nothex").then().statusCode(400).body("errors[0].code", equalTo("DIGEST_INVALID"));
    given().queryParam("digest", "md5:abc").post("/v2/push/bad/blobs/uploads/").then().statusCode(400)
        .body("errors[0].code", equalTo("DIGEST_INVALID"));
    given().post("/v2/Push/BAD/blobs/uploads/").then().statusCode(400).body("errors[0].code", equalTo("NAME_INVALID"));
    String location = start("push/bad");
    given().put(location).then().statusCode(400).body("errors[0].code", equalTo("DIGEST_INVALID"));
    given().get("/v2/push/bad/blobs/uploads/not-a-uuid").then().statusCode(404);
    // unknown routes and methods: still the spec's error body under /v2/, Docker's elsewhere
    given().get("/v2/push/bad/nonsense").then().statusCode(404).body("errors[0].code", equalTo("UNSUPPORTED"));
    given().post("/v2/_catalog").then().statusCode(405).body("errors[0].code", equalTo("UNSUPPORTED"));
    given().get("/no/such/docker/path").then().statusCode(404).body("message", equalTo("page not found"));
  }

  private static byte[] slice(byte[] data, int from, int len) {
    byte[] out = new byte[len];
    System.arraycopy(data, from, out, 0, len);
    return out;
  }

  private static long files(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }
}
