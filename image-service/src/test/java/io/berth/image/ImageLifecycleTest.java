package io.berth.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.events.Topics;
import io.berth.oci.Digest;
import io.berth.testing.BerthInfra;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Import → list/inspect → registry pull → event → rmi, against real PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class ImageLifecycleTest {

  @BeforeAll
  static void logging() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  private static String importTar(byte[] tar, String repo, String... changes) {
    var req = given().body(tar).contentType("application/x-tar").queryParam("fromSrc", "-");
    if (repo != null) {
      req = req.queryParam("repo", repo);
    }
    if (changes.length > 0) {
      req = req.queryParam("changes", (Object[]) changes);
    }
    String body = req.post("/images/create").then().statusCode(200).extract().asString();
    assertTrue(body.startsWith("{\"status\":\"sha256:"), body);
    return body.substring("{\"status\":\"".length(), body.indexOf("\"}"));
  }

  @Test
  void importInspectPullAndRemove() throws Exception {
    byte[] tar = TestTars.tar("bin/", "", "bin/hello", "hi\n", "etc/motd", "welcome\n", "bin/sh", "->/bin/hello");
    String id = importTar(tar, "test/life:v1", "CMD [\"sh\"]", "ENV A=b", "WORKDIR /x", "LABEL k=v", "EXPOSE 80");

    given().get("/images/json").then().statusCode(200)
        .body("find { it.Id == '" + id + "' }.RepoTags", contains("test/life:v1"))
        .body("find { it.Id == '" + id + "' }.Containers", equalTo(-1))
        .body("find { it.Id == '" + id + "' }.Labels.k", equalTo("v"));

    String layerDigest = Digest.sha256(tar).toString();
    given().get("/images/test/life:v1/json").then().statusCode(200)
        .body("Id", equalTo(id))
        .body("RepoTags", contains("test/life:v1"))
        .body("Config.Cmd", contains("sh"))
        .body("Config.Env", contains("A=b"))
        .body("Config.WorkingDir", equalTo("/x"))
        .body("Config.ExposedPorts.'80/tcp'", equalTo(Map.of()))
        .body("RootFS.Type", equalTo("layers"))
        .body("RootFS.Layers", contains(layerDigest))
        .body("Os", equalTo("linux"))
        .body("Comment", equalTo("Imported from -"));
    String hex = id.substring(7);
    given().get("/images/" + hex.substring(0, 12) + "/json").then().statusCode(200).body("Id", equalTo(id));
    given().get("/images/" + id + "/json").then().statusCode(200).body("Id", equalTo(id));

    // Registry: the manifest's bytes hash to Docker-Content-Digest; each blob hashes to its digest.
    given().get("/v2/").then().statusCode(200).header("Docker-Distribution-API-Version", "registry/2.0");
    Response manifest = given().get("/v2/test/life/manifests/v1");
    manifest.then().statusCode(200).contentType(startsWith("application/vnd.oci.image.manifest.v1+json"));
    byte[] manifestBytes = manifest.asByteArray();
    String manifestDigest = manifest.header("Docker-Content-Digest");
    assertEquals(Digest.sha256(manifestBytes).toString(), manifestDigest);
    assertEquals(String.valueOf(manifestBytes.length), manifest.header("Content-Length"));
    given().get("/v2/test/life/manifests/" + manifestDigest).then().statusCode(200);
    given().head("/v2/test/life/manifests/v1").then().statusCode(200)
        .header("Docker-Content-Digest", manifestDigest)
        .header("Content-Length", String.valueOf(manifestBytes.length));
    String configDigest = manifest.jsonPath().getString("config.digest");
    assertEquals(id, configDigest);
    List<String> layers = manifest.jsonPath().getList("layers.digest");
    assertEquals(List.of(layerDigest), layers);
    for (String d : List.of(configDigest, layerDigest)) {
      Response blob = given().get("/v2/test/life/blobs/" + d);
      blob.then().statusCode(200).header("Docker-Content-Digest", d);
      assertEquals(d, Digest.sha256(blob.asByteArray()).toString());
      given().head("/v2/test/life/blobs/" + d).then().statusCode(200)
          .header("Content-Length", String.valueOf(blob.asByteArray().length));
    }
    assertArrayEquals(tar, given().get("/v2/test/life/blobs/" + layerDigest).asByteArray());
    given().get("/v2/test/life/tags/list").then().statusCode(200).body("tags", contains("v1"));

    // Resolve for container-service.
    given().queryParam("ref", "test/life:v1").get("/internal/images/resolve").then().statusCode(200)
        .body("id", equalTo(id)).body("manifestDigest", equalTo(manifestDigest))
        .body("repository", equalTo("test/life")).body("tag", equalTo("v1"))
        .body("config.config.Cmd", contains("sh"));

    assertImportedEventOnKafka(id, manifestDigest);

    // Re-importing with the same tag moves the tag; the old image stays, dangling.
    String id2 = importTar(TestTars.tar("other", "x"), "test/life:v1");
    given().get("/images/test/life:v1/json").then().body("Id", equalTo(id2));
    given().get("/images/" + id + "/json").then().statusCode(200).body("RepoTags", equalTo(List.of()));

    // A dangling image (as every intermediate build step is) can still run: by id it resolves to
    // the by-digest repository, whose manifests and blobs node-runtime pulls.
    String byDigest = given().queryParam("ref", id).get("/internal/images/resolve").then().statusCode(200)
        .body("id", equalTo(id)).body("manifestDigest", equalTo(manifestDigest))
        .extract().path("repository");
    assertArrayEquals(manifestBytes,
        given().get("/v2/" + byDigest + "/manifests/" + manifestDigest).then().statusCode(200).extract().asByteArray());
    given().get("/v2/" + byDigest + "/blobs/" + layerDigest).then().statusCode(200);
    given().get("/v2/" + byDigest + "/blobs/" + configDigest).then().statusCode(200);
    given().get("/v2/" + byDigest + "/manifests/v1").then().statusCode(404);

    given().delete("/images/" + id).then().statusCode(200).body("Deleted", hasItem(id));
    given().get("/images/" + id + "/json").then().statusCode(404);
    given().get("/v2/test/life/blobs/" + layerDigest).then().statusCode(404)
        .body("errors[0].code", equalTo("BLOB_UNKNOWN"));
    given().delete("/images/test/life:v1").then().statusCode(200)
        .body("Untagged", hasItem("test/life:v1")).body("Deleted", hasItem(id2));
    given().get("/images/json").then().body("Id", not(hasItem(id2)));
  }

  private static void assertImportedEventOnKafka(String id, String manifestDigest) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BerthInfra.kafkaBootstrap());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts = consumer.partitionsFor(Topics.IMAGE_EVENTS).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
          if (id.equals(r.key())) {
            assertEquals("io.berth.image.imported.v1", header(r, "ce_type"));
            assertEquals("/image-service", header(r, "ce_source"));
            assertEquals(id, header(r, "ce_subject"));
            assertNotNull(header(r, "ce_id"));
            String json = new String(r.value(), StandardCharsets.UTF_8);
            assertTrue(json.contains(manifestDigest), json);
            assertTrue(json.contains("test/life:v1"), json);
            return;
          }
        }
      }
    }
    throw new AssertionError("no ImageImported event for " + id + " on " + Topics.IMAGE_EVENTS);
  }

  private static String header(ConsumerRecord<?, ?> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  @Test
  void unsafeTarsAreRejectedAndStoreNothing() throws IOException {
    Path blobs = BerthInfra.berthHome().resolve("images/blobs");
    for (byte[] bad : List.of(
        TestTars.tar("ok", "1", "../x", "escape"),
        TestTars.tar("/abs", "root"),
        TestTars.tar("link", "->../../etc", "link/passwd", "pwned"),
        TestTars.tar("deep/", "", "deep/up", "->../../.."))) {
      long before = countFiles(blobs);
      given().body(bad).queryParam("fromSrc", "-").queryParam("repo", "test/bad")
          .post("/images/create").then().statusCode(400).body("message", startsWith("unsafe layer entry"));
      assertEquals(before, countFiles(blobs), "no blob written");
      given().get("/images/test/bad/json").then().statusCode(404);
    }
    given().body("not a tar at all, just text".getBytes()).queryParam("fromSrc", "-")
        .post("/images/create").then().statusCode(400);
  }

  private static long countFiles(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void unknownNamesAnswer404() {
    given().get("/images/no-such-image/json").then().statusCode(404)
        .body("message", equalTo("No such image: no-such-image"));
    given().delete("/images/no-such-image").then().statusCode(404);
    given().queryParam("ref", "nope:1").get("/internal/images/resolve").then().statusCode(404);
    given().get("/v2/nope/manifests/latest").then().statusCode(404).body("errors[0].code", equalTo("NAME_UNKNOWN"));
    given().get("/v2/NOPE/manifests/latest").then().statusCode(400).body("errors[0].code", equalTo("NAME_INVALID"));
    given().queryParam("fromImage", "busybox").post("/images/create").then().statusCode(404)
        .header("Content-Type", equalTo("application/json")) // the docker CLI parses only this exact type
        .body("message", startsWith("No such image: busybox"));
  }
}
