package io.berth.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.gateway.stream.FrameHeader;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway against stand-ins for container-service, image-service and a node (plain Vert.x
 * servers on free ports): proxying, wait's early headers, the attach hijack and logs.
 */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = UpstreamStubsResource.class, scope = TestResourceScope.GLOBAL)
class UpstreamRoutesTest {

  static final String FULL_ID = "c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1";

  static Vertx vertx;
  static HttpServer containers;
  static HttpServer images;
  static HttpServer node;
  /** What a stub saw last: method, path, query, body, content-type. */
  static final AtomicReference<JsonObject> seen = new AtomicReference<>();
  static volatile Promise<Void> waitRelease;
  static volatile Promise<Void> attachRelease;
  static volatile Promise<Void> buildRelease;
  static final java.util.concurrent.atomic.AtomicLong loadBytes = new java.util.concurrent.atomic.AtomicLong();

  @BeforeAll
  static void startStubs() throws Exception {
    vertx = Vertx.vertx();
    node = listen(nodeRouter(), 0);
    containers = listen(containerRouter(), UpstreamStubsResource.port(UpstreamStubsResource.CONTAINER_PORT));
    images = listen(imageRouter(), UpstreamStubsResource.port(UpstreamStubsResource.IMAGE_PORT));
  }

  @AfterAll
  static void stopStubs() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static HttpServer listen(Router router, int port) throws Exception {
    return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static void record(RoutingContext ctx, String body) {
    seen.set(new JsonObject()
        .put("method", ctx.request().method().name())
        .put("path", ctx.request().path())
        .put("query", ctx.request().query())
        .put("contentType", ctx.request().getHeader("Content-Type"))
        .put("body", body));
  }

  static Router containerRouter() {
    Router r = Router.router(vertx);
    r.route().handler(BodyHandler.create());
    r.get("/internal/containers/:ref").handler(ctx -> {
      String ref = ctx.pathParam("ref");
      if (ref.equals("c1") || ref.equals(FULL_ID)) {
        ctx.json(new JsonObject().put("id", FULL_ID).put("name", "c1").put("nodeId", "n1")
            .put("nodeAddress", "http://127.0.0.1:" + node.actualPort()).put("state", "created"));
      } else {
        ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("message", "No such container: " + ref).encode());
      }
    });
    r.post("/containers/:id/wait").handler(ctx -> {
      record(ctx, ctx.body().asString());
      waitRelease.future().onComplete(v -> ctx.json(new JsonObject().putNull("Error").put("StatusCode", 0)));
    });
    r.get("/containers/json").handler(ctx -> ctx.json(new JsonArray()
        .add(new JsonObject().put("State", "running"))
        .add(new JsonObject().put("State", "exited"))
        .add(new JsonObject().put("State", "paused"))));
    r.route().handler(ctx -> {
      record(ctx, ctx.body().asString());
      ctx.response().setStatusCode(ctx.request().path().endsWith("/create") ? 201 : 204);
      if (ctx.response().getStatusCode() == 201) {
        ctx.json(new JsonObject().put("Id", "abc").put("Warnings", new JsonArray()));
      } else {
        ctx.end();
      }
    });
    return r;
  }

  static Router imageRouter() {
    Router r = Router.router(vertx);
    r.post("/images/create").handler(ctx -> {
      long[] bytes = {0};
      String te = ctx.request().getHeader("Transfer-Encoding");
      ctx.request().handler(b -> bytes[0] += b.length());
      ctx.request().endHandler(v -> ctx.json(new JsonObject().put("bytes", bytes[0]).put("transferEncoding", te)));
    });
    r.get("/images/json").handler(ctx -> ctx.json(new JsonArray().add(new JsonObject()).add(new JsonObject())));
    // A load asked to count: how many pieces the body came in, and what it held.
    r.post("/images/load").handler(ctx -> {
      if (ctx.request().getParam("count") == null) {
        ctx.next();
        return;
      }
      long[] bytes = {0};
      int[] pieces = {0};
      java.security.MessageDigest sha = sha256();
      loadBytes.set(0);
      ctx.request().handler(b -> {
        bytes[0] += b.length();
        pieces[0]++;
        sha.update(b.getBytes());
        loadBytes.set(bytes[0]);
      });
      ctx.request().endHandler(v -> ctx.json(new JsonObject().put("bytes", bytes[0]).put("pieces", pieces[0])
          .put("sha256", java.util.HexFormat.of().formatHex(sha.digest()))));
    });
    // A build: the first step's message goes out at once, the rest when the test releases it.
    r.post("/build").handler(ctx -> {
      long[] bytes = {0};
      ctx.request().handler(b -> bytes[0] += b.length());
      ctx.request().endHandler(v -> {
        record(ctx, "" + bytes[0]);
        var resp = ctx.response().setChunked(true).putHeader("Content-Type", "application/json");
        resp.write("{\"stream\":\"Step 1/2 : FROM busybox\\n\"}\r\n");
        buildRelease.future().onComplete(x -> resp.end("{\"aux\":{\"ID\":\"sha256:ab\"}}\r\n"));
      });
    });
    r.route().handler(BodyHandler.create()).handler(ctx -> {
      record(ctx, ctx.body().asString());
      ctx.json(new JsonArray().add(new JsonObject().put("Untagged", ctx.request().path())));
    });
    return r;
  }

  static Router nodeRouter() {
    Router r = Router.router(vertx);
    r.get("/containers/:id/attach").handler(ctx -> {
      record(ctx, "");
      var resp = ctx.response().setChunked(true).putHeader("Content-Type", "application/vnd.docker.raw-stream");
      resp.write(FrameHeader.frame(FrameHeader.STDOUT, "hi\n"));
      attachRelease.future().onComplete(v -> resp.end(FrameHeader.frame(FrameHeader.STDERR, "bye\n")));
    });
    // With stdin the body is the client's input: echoed back, then a mark for its end.
    r.post("/containers/:id/attach").handler(ctx -> {
      record(ctx, "");
      var resp = ctx.response().setChunked(true).putHeader("Content-Type", "application/vnd.docker.raw-stream");
      ctx.request().handler(b -> resp.write(Buffer.buffer("in:").appendBuffer(b)));
      ctx.request().endHandler(v -> resp.end("|stdin-ended"));
    });
    r.post("/containers/:id/resize").handler(ctx -> {
      record(ctx, "");
      ctx.response().setStatusCode(200).end();
    });
    r.put("/containers/:id/archive").handler(BodyHandler.create()).handler(ctx -> {
      record(ctx, ctx.body().asString());
      seen.get().put("ref", ctx.request().getHeader("X-Berth-Container-Ref"));
      ctx.response().setStatusCode(200).end();
    });
    r.head("/containers/:id/archive").handler(ctx -> {
      record(ctx, "");
      ctx.response().putHeader("X-Docker-Container-Path-Stat", "eyJuYW1lIjoiZXRjIn0=").setStatusCode(200).end();
    });
    r.get("/containers/:id/stats").handler(ctx -> {
      record(ctx, "");
      seen.get().put("name", ctx.request().getHeader("X-Berth-Container-Name"));
      ctx.response().putHeader("Content-Type", "application/json").end("{\"id\":\"x\"}\n");
    });
    r.get("/containers/:id/logs").handler(ctx -> {
      record(ctx, "");
      ctx.response().putHeader("Content-Type", "application/vnd.docker.multiplexed-stream").setChunked(true)
          .end(FrameHeader.frame(FrameHeader.STDOUT, "to-stdout\n").appendBuffer(FrameHeader.frame(FrameHeader.STDERR, "to-stderr\n")));
    });
    return r;
  }

  @Test
  void containerCallsKeepMethodPathQueryBodyAndStatus() {
    String body = "{\"Image\":\"busybox\",\"Cmd\":[\"echo\",\"hi\"]}";
    given().contentType("application/json").body(body)
        .post("/v1.41/containers/create?name=web")
        .then().statusCode(201).header("Api-Version", "1.41").body("Id", equalTo("abc"));
    JsonObject s = seen.get();
    assertEquals("POST", s.getString("method"));
    assertEquals("/containers/create", s.getString("path"));
    assertEquals("name=web", s.getString("query"));
    assertEquals(body, s.getString("body"));
    assertEquals("application/json", s.getString("contentType"));

    given().post("/v1.41/containers/c1/stop?t=3").then().statusCode(204);
    assertEquals("/containers/c1/stop", seen.get().getString("path"));
    assertEquals("t=3", seen.get().getString("query"));
    given().delete("/containers/c1?force=1").then().statusCode(204);
    assertEquals("DELETE", seen.get().getString("method"));
  }

  @Test
  void imageNamesMayHoldSlashesAndColons() {
    // The CLI sends ':' literally; RestAssured would escape it.
    given().urlEncodingEnabled(false).delete("/v1.41/images/localhost:5050/team/app:1.0?force=1")
        .then().statusCode(200).body("[0].Untagged", equalTo("/images/localhost:5050/team/app:1.0"));
    assertEquals("force=1", seen.get().getString("query"));
    given().urlEncodingEnabled(false).get("/v1.41/images/localhost:5050/team/app:1.0/json").then().statusCode(200);
    assertEquals("GET", seen.get().getString("method"));
    assertEquals("/images/localhost:5050/team/app:1.0/json", seen.get().getString("path"));
  }

  @Test
  void tagAndPushGoToImageServiceWithQueryAndRegistryAuth() {
    given().urlEncodingEnabled(false).post("/v1.41/images/busybox:latest/tag?repo=127.0.0.1:5000/team/bb&tag=1")
        .then().statusCode(200);
    assertEquals("POST", seen.get().getString("method"));
    assertEquals("/images/busybox:latest/tag", seen.get().getString("path"));
    assertEquals("repo=127.0.0.1:5000/team/bb&tag=1", seen.get().getString("query"));
    given().urlEncodingEnabled(false).header("X-Registry-Auth", "e30=")
        .post("/v1.41/images/127.0.0.1:5000/team/bb/push?tag=1").then().statusCode(200);
    assertEquals("/images/127.0.0.1:5000/team/bb/push", seen.get().getString("path"));
    assertEquals("tag=1", seen.get().getString("query"));
    given().urlEncodingEnabled(false).get("/v1.41/images/127.0.0.1:5000/team/bb:1/history").then().statusCode(200);
    assertEquals("/images/127.0.0.1:5000/team/bb:1/history", seen.get().getString("path"));
    given().urlEncodingEnabled(false).get("/v1.41/images/get?names=a:1&names=b:2").then().statusCode(200);
    assertEquals("/images/get", seen.get().getString("path"));
    assertEquals("names=a:1&names=b:2", seen.get().getString("query"));
    given().urlEncodingEnabled(false).get("/v1.41/images/team/bb:1/get").then().statusCode(200);
    assertEquals("/images/team/bb:1/get", seen.get().getString("path"));
    given().body("tar".getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/v1.41/images/load?quiet=0").then().statusCode(200);
    assertEquals("/images/load", seen.get().getString("path"));
    assertEquals("tar", seen.get().getString("body"));
  }

  @Test
  void aChunkedImportIsStreamedThrough() throws Exception {
    byte[] tar = new byte[8 * 1024 * 1024 + 7];
    HttpRequest req = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + RestAssured.port + "/v1.41/images/create?fromSrc=-&repo=imp"))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tar)))
        .header("Content-Type", "application/x-tar").build();
    HttpResponse<String> resp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(req, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, resp.statusCode(), resp.body());
    JsonObject json = new JsonObject(resp.body());
    assertEquals(tar.length, json.getLong("bytes"));
    assertEquals("chunked", json.getString("transferEncoding"));
  }

  /** The docker CLI sends a build context as hundreds of small chunks, one or two per file. */
  @Test
  void aBodyOfManySmallChunksReachesTheServiceWholeInFewerPieces() throws Exception {
    StringBuilder body = new StringBuilder();
    java.security.MessageDigest sha = sha256();
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 400; i++) {
      String piece = randomText(random, 517);
      sha.update(piece.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      body.append(Integer.toHexString(piece.length())).append("\r\n").append(piece).append("\r\n");
    }
    try (RawHttp http = new RawHttp(RestAssured.port)) {
      http.send("POST /v1.41/images/load?count=1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
          + body + "0\r\n\r\n");
      JsonObject json = jsonBody(http);
      assertEquals(400 * 517, json.getLong("bytes"));
      assertEquals(java.util.HexFormat.of().formatHex(sha.digest()), json.getString("sha256"));
      // One piece per chunk before; now what one read brought is joined (the service's own
      // decoder still cuts pieces of 8 KiB).
      assertTrue(json.getInteger("pieces") <= 100, json.encode());
    }
  }

  @Test
  void whatABodyHeldBeforeAPauseIsDeliveredDuringThePause() throws Exception {
    java.util.Random random = new java.util.Random(8);
    StringBuilder first = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      first.append("205\r\n").append(randomText(random, 0x205)).append("\r\n");
    }
    try (RawHttp http = new RawHttp(RestAssured.port)) {
      loadBytes.set(-1);
      http.send("POST /v1.41/images/load?count=1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
          + first);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (loadBytes.get() < 10 * 0x205 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(10 * 0x205, loadBytes.get(), "the bytes sent before the pause reached the service");
      http.send("3\r\nend\r\n0\r\n\r\n");
      assertEquals(10 * 0x205 + 3, jsonBody(http).getLong("bytes"));
    }
  }

  private static String randomText(java.util.Random random, int length) {
    char[] c = new char[length];
    for (int i = 0; i < length; i++) {
      c[i] = (char) ('a' + random.nextInt(26));
    }
    return new String(c);
  }

  /** The JSON after the head of a Connection: close answer. */
  private static JsonObject jsonBody(RawHttp http) throws Exception {
    String head = http.readHead();
    assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
    return new JsonObject(new String(http.readToEof(), java.nio.charset.StandardCharsets.UTF_8));
  }

  private static java.security.MessageDigest sha256() {
    try {
      return java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aServiceThatIsDownIsDockers503() throws Exception {
    images.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    try {
      given().get("/v1.41/images/json").then().statusCode(503)
          .body("message", equalTo("image-service is unavailable"));
    } finally {
      images = listen(imageRouter(), UpstreamStubsResource.port(UpstreamStubsResource.IMAGE_PORT));
    }
  }

  @Test
  void waitSendsItsHeadersBeforeTheContainerExits() throws Exception {
    waitRelease = Promise.promise();
    try (RawHttp http = new RawHttp(RestAssured.port)) {
      http.send("POST /v1.41/containers/c1/wait?condition=removed HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
      String head = http.readHead();
      assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
      assertTrue(head.toLowerCase().contains("content-type: application/json"), head);
      assertTrue(head.toLowerCase().contains("transfer-encoding: chunked"), head);
      assertFalse(waitRelease.future().isComplete());
      waitRelease.complete();
      assertEquals("{\"Error\":null,\"StatusCode\":0}", http.readChunk().strip());
      assertEquals("", http.readChunk());
    }
    assertEquals("/containers/" + FULL_ID + "/wait", seen.get().getString("path"));
    assertEquals("condition=removed", seen.get().getString("query"));
  }

  @Test
  void buildStreamsTheContextInAndEachMessageOutAsItComes() throws Exception {
    buildRelease = Promise.promise();
    try (RawHttp http = new RawHttp(RestAssured.port)) {
      http.send("POST /v1.41/build?t=app&dockerfile=Dockerfile HTTP/1.1\r\nHost: x\r\n"
          + "Content-Type: application/x-tar\r\nContent-Length: 1024\r\n\r\n" + "\0".repeat(1024));
      String head = http.readHead();
      assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
      assertTrue(http.readChunk().contains("Step 1/2 : FROM busybox"));
      assertFalse(buildRelease.future().isComplete());
      buildRelease.complete();
      assertTrue(http.readChunk().contains("sha256:ab"));
    }
    assertEquals("/build", seen.get().getString("path"));
    assertEquals("t=app&dockerfile=Dockerfile", seen.get().getString("query"));
    assertEquals("1024", seen.get().getString("body"));
  }

  @Test
  void waitOnAnUnknownContainerIs404() {
    given().post("/v1.41/containers/nope/wait").then().statusCode(404)
        .body("message", equalTo("No such container: nope"));
  }

  @Test
  void attachUpgradesAndPipesTheNodesFramesThroughAHalfClose() throws Exception {
    attachRelease = Promise.promise();
    try (RawHttp http = new RawHttp(RestAssured.port)) {
      http.send("POST /v1.41/containers/c1/attach?stderr=1&stdout=1&stream=1 HTTP/1.1\r\nHost: x\r\n"
          + "Content-Length: 0\r\nConnection: Upgrade\r\nContent-Type: text/plain\r\nUpgrade: tcp\r\n\r\n");
      String head = http.readHead();
      assertTrue(head.startsWith("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n"
          + "Connection: Upgrade\r\nUpgrade: tcp\r\n"), head);
      assertTrue(head.contains("Api-Version: 1.41\r\n"), head);
      // The CLI closes its write side at once when it has no stdin: the stream must go on.
      http.socket.shutdownOutput();
      Thread.sleep(200);
      attachRelease.complete();
      Buffer expected = FrameHeader.frame(1, "hi\n").appendBuffer(FrameHeader.frame(2, "bye\n"));
      assertArrayEquals(expected.getBytes(), http.readToEof());
    }
    assertEquals("/containers/" + FULL_ID + "/attach", seen.get().getString("path"));
    assertEquals("stderr=1&stdout=1&stream=1", seen.get().getString("query"));
  }

  @Test
  void attachWithStdinRelaysTheClientsInputAndItsEndToTheNode() throws Exception {
    try (RawHttp http = new RawHttp(RestAssured.port)) {
      http.send("POST /v1.41/containers/c1/attach?stdin=1&stdout=1&stream=1 HTTP/1.1\r\nHost: x\r\n"
          + "Content-Length: 0\r\nConnection: Upgrade\r\nContent-Type: text/plain\r\nUpgrade: tcp\r\n\r\n");
      assertTrue(http.readHead().startsWith("HTTP/1.1 101 UPGRADED\r\n"));
      http.socket.getOutputStream().write("ls\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      http.socket.getOutputStream().flush();
      Thread.sleep(200);
      http.socket.shutdownOutput(); // end of the client's input: the node's request body ends
      assertEquals("in:ls\n|stdin-ended", new String(http.readToEof(), java.nio.charset.StandardCharsets.UTF_8));
    }
    assertEquals("POST", seen.get().getString("method"));
    assertEquals("/containers/" + FULL_ID + "/attach", seen.get().getString("path"));
  }

  @Test
  void resizeGoesToTheContainersNode() {
    given().post("/v1.41/containers/c1/resize?h=40&w=100").then().statusCode(200);
    assertEquals("/containers/" + FULL_ID + "/resize", seen.get().getString("path"));
    assertEquals("h=40&w=100", seen.get().getString("query"));
  }

  @Test
  void attachToAnUnknownContainerIs404BeforeAnyUpgrade() {
    given().header("Connection", "Upgrade").header("Upgrade", "tcp")
        .post("/v1.41/containers/nope/attach?stream=1").then().statusCode(404)
        .body("message", equalTo("No such container: nope"));
  }

  @Test
  void logsStreamFromTheNode() {
    byte[] body = given().get("/v1.41/containers/c1/logs?stderr=1&stdout=1&tail=all")
        .then().statusCode(200).header("Content-Type", "application/vnd.docker.multiplexed-stream")
        .extract().asByteArray();
    Buffer expected = FrameHeader.frame(1, "to-stdout\n").appendBuffer(FrameHeader.frame(2, "to-stderr\n"));
    assertArrayEquals(expected.getBytes(), body);
    assertEquals("/containers/" + FULL_ID + "/logs", seen.get().getString("path"));
    assertEquals("stderr=1&stdout=1&tail=all", seen.get().getString("query"));
  }

  @Test
  void archiveAndStatsGoToTheContainersNodeWithTheBodyAndTheClientsName() {
    given().body("tar bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8)).contentType("application/x-tar").put("/v1.41/containers/c1/archive?path=/tmp&noOverwriteDirNonDir=true")
        .then().statusCode(200);
    assertEquals("PUT", seen.get().getString("method"));
    assertEquals("/containers/" + FULL_ID + "/archive", seen.get().getString("path"));
    assertEquals("path=/tmp&noOverwriteDirNonDir=true",
        java.net.URLDecoder.decode(seen.get().getString("query"), java.nio.charset.StandardCharsets.UTF_8));
    assertEquals("tar bytes", seen.get().getString("body"));
    assertEquals("c1", seen.get().getString("ref"));
    given().head("/v1.41/containers/c1/archive?path=/etc").then().statusCode(200)
        .header("X-Docker-Container-Path-Stat", "eyJuYW1lIjoiZXRjIn0=");
    given().get("/v1.41/containers/c1/stats?stream=false").then().statusCode(200).body("id", equalTo("x"));
    assertEquals("c1", seen.get().getString("name"));
    given().put("/v1.41/containers/nope/archive?path=/").then().statusCode(404)
        .body("message", equalTo("No such container: nope"));
  }

  @Test
  void pauseUnpauseAndUpdateGoToContainerService() {
    for (String verb : new String[] {"pause", "unpause", "update"}) {
      given().post("/v1.41/containers/c1/" + verb).then().statusCode(204);
      assertEquals("/containers/c1/" + verb, seen.get().getString("path"));
    }
  }

  @Test
  void infoCountsComeFromTheServices() {
    given().get("/v1.41/info").then().statusCode(200)
        .body("Containers", equalTo(3)).body("ContainersRunning", equalTo(1))
        .body("ContainersPaused", equalTo(1)).body("ContainersStopped", equalTo(1))
        .body("Images", equalTo(2));
  }
}
