package io.berth.gateway.stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.gateway.proxy.UpstreamStubsResource;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docker run's calls through the gateway against a container-service stand-in that counts the
 * location lookups: create, attach and wait ask once; a change through the gateway asks again, so
 * a removed container is a 404 again.
 */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = UpstreamStubsResource.class, scope = TestResourceScope.GLOBAL)
class LocationLearningTest {

  static final String ID = "1e".repeat(32);

  static Vertx vertx;
  static HttpServer containers;
  static final List<String> lookups = new CopyOnWriteArrayList<>();
  static final Set<String> removed = ConcurrentHashMap.newKeySet();
  static volatile String state = "created";
  /** Whether the create's answer says where the container is, as container-service's does. */
  static volatile boolean tellLocation;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Router r = Router.router(vertx);
    r.post("/containers/create").handler(ctx -> {
      if (tellLocation) {
        ctx.response().putHeader(LocationLearning.LOCATION_HEADER, location().encode());
      }
      ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("Id", ID).put("Warnings", List.of()).encode());
    });
    r.get("/internal/containers/:ref").handler(ctx -> {
      String ref = ctx.pathParam("ref");
      lookups.add(ref);
      if ((ref.equals(ID) || ref.equals("learner")) && !removed.contains(ID)) {
        ctx.json(location());
      } else {
        ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("message", "No such container: " + ref).encode());
      }
    });
    r.post("/containers/:id/wait").handler(ctx -> ctx.json(new JsonObject().putNull("Error").put("StatusCode", 0)));
    r.post("/containers/:id/start").handler(ctx -> {
      state = "running";
      ctx.response().setStatusCode(204).end();
    });
    r.delete("/containers/:id").handler(ctx -> {
      removed.add(ID);
      ctx.response().setStatusCode(204).end();
    });
    containers = vertx.createHttpServer().requestHandler(r)
        .listen(UpstreamStubsResource.port(UpstreamStubsResource.CONTAINER_PORT), "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static JsonObject location() {
    return new JsonObject().put("id", ID).put("name", "learner").put("nodeId", "n1")
        .put("nodeAddress", "http://127.0.0.1:9").put("state", state);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void reset() {
    lookups.clear();
    removed.clear();
    state = "created";
    tellLocation = false;
  }

  void create() {
    given().contentType("application/json").body("{\"Image\":\"busybox\"}")
        .post("/v1.41/containers/create").then().statusCode(201).body("Id", equalTo(ID));
  }

  void waitFor(String ref, int status) {
    given().post("/v1.41/containers/" + ref + "/wait?condition=removed").then().statusCode(status);
  }

  @Test
  void aContainerJustCreatedIsLookedUpOnceForItsWaits() {
    create();
    waitFor(ID, 200);
    waitFor(ID, 200);
    assertEquals(List.of(ID), lookups);
  }

  @Test
  void aCreateThatSaysWhereTheContainerIsNeedsNoLookupAndKeepsItsHeaderInside() {
    tellLocation = true;
    given().contentType("application/json").body("{\"Image\":\"busybox\"}")
        .post("/v1.41/containers/create").then().statusCode(201).body("Id", equalTo(ID))
        .header(LocationLearning.LOCATION_HEADER, nullValue());
    waitFor(ID, 200);
    waitFor(ID, 200);
    assertEquals(List.of(), lookups);
  }

  @Test
  void aRemovedContainerIsLookedUpAgainAndIsA404() {
    create();
    waitFor(ID, 200);
    given().delete("/v1.41/containers/learner").then().statusCode(204);
    waitFor(ID, 404);
    assertEquals(List.of(ID, ID), lookups);
  }

  @Test
  void aStartedContainerIsLookedUpAgainEachTime() {
    create();
    given().post("/v1.41/containers/" + ID + "/start").then().statusCode(204);
    waitFor(ID, 200);
    waitFor(ID, 200);
    assertEquals(3, lookups.size(), lookups.toString()); // the prefetch, then each wait
  }

  @Test
  void aNameIsAlwaysLookedUp() {
    create();
    waitFor("learner", 200);
    waitFor("learner", 200);
    assertEquals(List.of(ID, "learner", "learner"), lookups);
  }
}
