package io.berth.image.archive;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.image.TestTars;
import io.berth.oci.Digest;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker save / docker load: the same image id after a round trip; bad archives change nothing. */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class SaveLoadTest {

  @ConfigProperty(name = "berth.home")
  Path home;

  @BeforeAll
  static void logging() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void saveThenLoadKeepsTheImageId() throws Exception {
    String body = given().body(TestTars.tar("saved.txt", "save me")).queryParam("fromSrc", "-").queryParam("repo", "saved/app:1")
        .post("/images/create").then().statusCode(200).extract().asString();
    String id = body.substring(body.indexOf("sha256:"), body.lastIndexOf('"'));
    String manifestDigest = given().get("/images/saved/app:1/json").then().extract().path("RepoDigests[0]");

    byte[] tar = given().get("/images/saved/app:1/get").then().statusCode(200).extract().asByteArray();
    Map<String, byte[]> entries = entries(tar);
    String manifestJson = new String(entries.get("manifest.json"), StandardCharsets.UTF_8);
    assertTrue(manifestJson.contains("\"RepoTags\":[\"saved/app:1\"]"), manifestJson);
    assertTrue(entries.containsKey("blobs/sha256/" + id.substring(7)), entries.keySet().toString());
    assertTrue(entries.containsKey("index.json") && entries.containsKey("oci-layout"));
    given().queryParam("names", "saved/app:1").get("/images/get").then().statusCode(200);

    given().delete("/images/saved/app:1").then().statusCode(200);
    given().get("/images/saved/app:1/json").then().statusCode(404);
    io.berth.image.KafkaFacts.find("io.berth.image.untagged.v1", id, "saved/app:1");
    io.berth.image.KafkaFacts.find("io.berth.image.deleted.v1", id, id);

    given().contentType("application/x-tar").body(tar).post("/images/load").then().statusCode(200)
        .body(containsString("Loaded image: saved/app:1"));
    given().get("/images/saved/app:1/json").then().statusCode(200).body("Id", equalTo(id))
        .body("RepoDigests[0]", equalTo(manifestDigest));
    // loading again is harmless
    given().contentType("application/x-tar").body(tar).post("/images/load").then().statusCode(200);
    given().get("/images/no-such-image/get").then().statusCode(404);
  }

  @Test
  void aLayerThatDoesNotMatchItsDiffIdIsRefusedAndLeavesNothing() throws Exception {
    byte[] layer = TestTars.tar("x.txt", "real layer");
    String claimed = Digest.sha256("another layer".getBytes(StandardCharsets.UTF_8)).toString();
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + claimed
        + "\"]}}").getBytes(StandardCharsets.UTF_8);
    byte[] manifest = "[{\"Config\":\"config.json\",\"RepoTags\":[\"evil/load:1\"],\"Layers\":[\"layer.tar\"]}]"
        .getBytes(StandardCharsets.UTF_8);
    byte[] archive = tar(Map.of("config.json", config, "layer.tar", layer, "manifest.json", manifest));
    given().contentType("application/x-tar").body(archive).post("/images/load").then().statusCode(400)
        .body("message", containsString("does not match the config's diff_id"));
    given().get("/images/evil/load:1/json").then().statusCode(404);
    given().head("/v2/evil/load/blobs/" + Digest.sha256(layer)).then().statusCode(404);
    try (Stream<Path> s = Files.list(home.resolve("images/uploads"))) {
      assertEquals(0, s.filter(p -> p.getFileName().toString().startsWith("load-")).count());
    }
    given().contentType("application/x-tar").body("not a tar at all".getBytes(StandardCharsets.UTF_8))
        .post("/images/load").then().statusCode(400).body("message", containsString("manifest.json"));
  }

  @Test
  void aPureOciLayoutTarLoadsByItsAnnotatedNameOrUntagged() throws Exception {
    Path named = Files.createTempDirectory("oci-load");
    io.berth.image.OciLayouts.Image image = io.berth.image.OciLayouts.image(named, "v1", "oci.txt", 3000, 4242, "amd64");
    Files.writeString(named.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + image.manifestDigest() + "\",\"size\":"
        + image.manifestSize() + ",\"annotations\":{\"io.containerd.image.name\":\"ocilayout/app:v1\","
        + "\"org.opencontainers.image.ref.name\":\"v1\"}}]}");
    byte[] tar = tar(layoutFiles(named));
    assertFalse(entries(tar).containsKey("manifest.json"));
    given().contentType("application/x-tar").body(tar).post("/images/load").then().statusCode(200)
        .body(containsString("Loaded image: ocilayout/app:v1"));
    given().get("/images/ocilayout/app:v1/json").then().statusCode(200).body("Id", org.hamcrest.Matchers.equalTo(image.configDigest()));
    // the layout's manifest bytes are kept: same digest over /v2/
    given().get("/v2/ocilayout/app/manifests/v1").then().statusCode(200)
        .header("Docker-Content-Digest", image.manifestDigest());

    Path bare = Files.createTempDirectory("oci-load-bare");
    io.berth.image.OciLayouts.Image untagged = io.berth.image.OciLayouts.image(bare, "latest", "bare.txt", 2000, 4343, "amd64");
    given().contentType("application/x-tar").body(tar(layoutFiles(bare))).post("/images/load").then().statusCode(200)
        .body(containsString("Loaded image ID: " + untagged.configDigest()));
    given().get("/images/" + untagged.configDigest() + "/json").then().statusCode(200).body("RepoTags.size()", org.hamcrest.Matchers.equalTo(0));
  }

  private static Map<String, byte[]> layoutFiles(Path dir) throws Exception {
    Map<String, byte[]> files = new HashMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }

  private static Map<String, byte[]> entries(byte[] tar) throws Exception {
    Map<String, byte[]> out = new HashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        if (e.isFile()) {
          out.put(e.getName(), in.readAllBytes());
        }
      }
    }
    return out;
  }

  private static byte[] tar(Map<String, byte[]> files) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      for (var f : files.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(f.getKey());
        e.setSize(f.getValue().length);
        out.putArchiveEntry(e);
        out.write(f.getValue());
        out.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }
}
