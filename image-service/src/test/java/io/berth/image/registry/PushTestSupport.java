package io.berth.image.registry;

import static io.restassured.RestAssured.given;

import io.berth.oci.Digest;
import java.nio.charset.StandardCharsets;

/** Pushes blobs and manifests the plain way, for the registry's tests. */
public final class PushTestSupport {
  static final String EMPTY_CONFIG = "application/vnd.oci.empty.v1+json";

  private PushTestSupport() {}

  /** Monolithic single-POST upload; returns the digest. */
  public static String blob(String repo, byte[] content) {
    String digest = Digest.sha256(content).toString();
    given().contentType("application/octet-stream").body(content).queryParam("digest", digest)
        .post("/v2/" + repo + "/blobs/uploads/").then().statusCode(201);
    return digest;
  }

  public static String blob(String repo, String content) {
    return blob(repo, content.getBytes(StandardCharsets.UTF_8));
  }

  /** An OCI image manifest over one config and the given layer blobs (all already pushed). */
  public static String manifest(String configDigest, long configSize, String extra, String... layers) {
    StringBuilder b = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"");
    b.append(",\"config\":{\"mediaType\":\"").append(EMPTY_CONFIG).append("\",\"digest\":\"").append(configDigest)
        .append("\",\"size\":").append(configSize).append("}");
    b.append(",\"layers\":[");
    for (int i = 0; i < layers.length; i++) {
      b.append(i > 0 ? "," : "").append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"")
          .append(layers[i]).append("\",\"size\":1}");
    }
    b.append("]").append(extra).append("}");
    return b.toString();
  }

  public static String putManifest(String repo, String reference, String manifest, int status) {
    return given().contentType("application/vnd.oci.image.manifest.v1+json")
        .body(manifest.getBytes(StandardCharsets.UTF_8))
        .put("/v2/" + repo + "/manifests/" + reference).then().statusCode(status)
        .extract().header("Docker-Content-Digest");
  }
}
