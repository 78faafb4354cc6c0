package io.berth.image.gc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.image.registry.PushTestSupport;
import io.berth.oci.Digest;
import io.berth.testing.BerthInfraResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Garbage collection against the real store and database: what nothing references goes once it
 * is older than the grace period, what is referenced stays, and an upload that completes while a
 * collection runs keeps its blobs. Each test ages only its own blobs (the store is shared).
 */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class BlobCollectorTest {
  private static final Duration OLD = Duration.ofHours(2);

  @ConfigProperty(name = "berth.home")
  Path home;

  @Inject
  BlobCollector collector;

  @Test
  void unreferencedBlobsAndAbandonedUploadsGoReferencedOnesStay() throws Throwable {
    String tag = unique();
    String config = PushTestSupport.blob("gc/kept", "{\"kept\":\"" + tag + "\"}");
    String layer = PushTestSupport.blob("gc/kept", "kept layer " + tag);
    PushTestSupport.putManifest("gc/kept", "v1",
        PushTestSupport.manifest(config, 10, "", layer), 201);
    String orphan = PushTestSupport.blob("gc/orphan", "never referenced " + tag);
    String dropped = PushTestSupport.blob("gc/dropped", "manifest deleted " + tag);
    String droppedConfig = PushTestSupport.blob("gc/dropped", "{\"dropped\":\"" + tag + "\"}");
    String manifest = PushTestSupport.putManifest("gc/dropped", "v1",
        PushTestSupport.manifest(droppedConfig, 10, "", dropped), 201);
    given().delete("/v2/gc/dropped/manifests/" + manifest).then().statusCode(202);
    String session = given().post("/v2/gc/abandoned/blobs/uploads/").then().statusCode(202).extract().header("Location");
    for (String d : new String[] {config, layer, orphan, dropped, droppedConfig}) {
      age(d);
    }
    Path sessionFile = home.resolve("images/uploads").resolve(session.substring(session.lastIndexOf('/') + 1));
    Files.setLastModifiedTime(sessionFile, FileTime.from(Instant.now().minus(OLD)));

    GcReport report = collector.collect();

    assertTrue(report.blobsDeleted() >= 3, report.toString());
    assertTrue(report.uploadsExpired() >= 1, report.toString());
    for (String gone : new String[] {orphan, dropped, droppedConfig}) {
      assertFalse(Files.exists(file(gone)), gone + " should have been collected");
    }
    given().get("/v2/gc/orphan/blobs/" + orphan).then().statusCode(404).body("errors[0].code", equalTo("BLOB_UNKNOWN"));
    given().get(session).then().statusCode(404);
    given().get("/v2/gc/kept/manifests/v1").then().statusCode(200);
    given().get("/v2/gc/kept/blobs/" + layer).then().statusCode(200).body(equalTo("kept layer " + tag));
    given().get("/v2/gc/kept/blobs/" + config).then().statusCode(200);
  }

  @Test
  void recentBlobsAreSparedEvenWithoutReferences() throws Throwable {
    String fresh = PushTestSupport.blob("gc/fresh", "just pushed " + unique());
    collector.collect();
    given().get("/v2/gc/fresh/blobs/" + fresh).then().statusCode(200);
  }

  @Test
  void anUploadCompletingDuringCollectionKeepsItsBlobs() throws Throwable {
    String tag = unique();
    // garbage by the time the collection marks: old, and its only link references nothing
    String layerContent = "re-pushed while collecting " + tag;
    String layer = PushTestSupport.blob("gc/race-old", layerContent);
    age(layer);
    String[] config = new String[1];

    collector.collect(() -> {
      // after the mark, before the sweep, as docker push does it: the same bytes are uploaded
      // again (the store already has them) and a new config arrives; the manifest comes later
      PushTestSupport.blob("gc/race", layerContent);
      config[0] = PushTestSupport.blob("gc/race", "{\"race\":\"" + tag + "\"}");
    });

    given().get("/v2/gc/race/blobs/" + layer).then().statusCode(200).body(equalTo(layerContent));
    given().get("/v2/gc/race/blobs/" + config[0]).then().statusCode(200);
    PushTestSupport.putManifest("gc/race", "v1", PushTestSupport.manifest(config[0], 10, "", layer), 201);
    given().get("/v2/gc/race/manifests/v1").then().statusCode(200);
    // and a later collection keeps them: the manifest references them now
    age(layer);
    collector.collect();
    given().get("/v2/gc/race/blobs/" + layer).then().statusCode(200);
    assertTrue(Files.exists(file(layer)));
  }

  @Test
  void adminTrigger() {
    given().post("/internal/registry/gc").then().statusCode(200)
        .body("blobsDeleted", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
  }

  private Path file(String digest) {
    String hex = Digest.parse(digest).hex();
    return home.resolve("images/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex);
  }

  /** Makes a blob's file and links look {@link #OLD}. */
  private void age(String digest) throws Throwable {
    Files.setLastModifiedTime(file(digest), FileTime.from(Instant.now().minus(OLD)));
    int n = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
        .chain(s -> s.createNativeQuery(
                "update image.repository_blob set linked_at = now() - interval '2 hours' where digest = :d")
            .setParameter("d", digest).executeUpdate())));
    assertEquals(true, n > 0, "no link for " + digest);
  }

  private static String unique() {
    return UUID.randomUUID().toString();
  }
}
