package io.berth.image.build;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.image.KafkaFacts;
import io.berth.image.TestTars;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * POST /build against the real service (PostgreSQL, Kafka, blob store) with a stand-in for the
 * node's RUN execution: the message stream, the image config and history, the cache, failures,
 * multi-stage builds and the facts.
 */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class BuildTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject FakeImageRootfs rootfs;
  @Inject io.berth.image.blob.BlobStore blobs;

  static final String run = UUID.randomUUID().toString().substring(0, 8);
  static final String base = "buildbase-" + run + ":1";
  static boolean imported;

  @org.junit.jupiter.api.BeforeEach
  void baseImage() throws Exception {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    if (imported) {
      return;
    }
    imported = true;
    given().body(TestTars.tar("etc/passwd", "root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n",
            "etc/group", "root:x:0:\napp:x:1001:\n", "bin/sh", "not really a shell"))
        .queryParam("fromSrc", "-").queryParam("repo", base).post("/images/create").then().statusCode(200);
  }

  /** The build's messages, one JSON object each. */
  static List<JsonNode> build(byte[] context, Object... query) throws Exception {
    var req = given().contentType("application/x-tar").body(context);
    for (int i = 0; i < query.length; i += 2) {
      req = req.queryParam((String) query[i], query[i + 1]);
    }
    String body = req.post("/build").then().statusCode(200).extract().asString();
    List<JsonNode> out = new ArrayList<>();
    for (String line : body.split("\r\n")) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  static String text(List<JsonNode> messages) {
    StringBuilder b = new StringBuilder();
    messages.forEach(m -> b.append(m.path("stream").asText("")));
    return b.toString();
  }

  static String imageId(List<JsonNode> messages) {
    return messages.stream().filter(m -> m.has("aux")).map(m -> m.path("aux").path("ID").asText()).findFirst()
        .orElseThrow(() -> new AssertionError("no aux ID in " + messages));
  }

  static String lastTagTime(String name) throws Exception {
    return JSON.readTree(given().get("/images/" + name + "/json").then().statusCode(200).extract().asString())
        .path("Metadata").path("LastTagTime").asText();
  }

  static long count(String text, String what) {
    return text.lines().filter(l -> l.equals(what)).count();
  }

  @Test
  void metadataStepsMakeDockersConfigHistoryAndStream() throws Exception {
    String tag = "meta-" + run;
    String dockerfile = """
        FROM %s
        ENV A=1 B=two
        LABEL l=v
        EXPOSE 5000 53/udp
        USER app
        WORKDIR /srv
        WORKDIR sub
        VOLUME /data
        SHELL ["/bin/bash", "-c"]
        CMD python3 app.py
        ENTRYPOINT ["/entry"]
        HEALTHCHECK --interval=30s CMD curl -f http://localhost/
        STOPSIGNAL SIGINT
        ONBUILD RUN echo child
        COPY --chown=app:app app.py ./
        RUN echo hi $A
        """.formatted(base);
    List<JsonNode> messages = build(TestTars.tar("Dockerfile", dockerfile, "app.py", "print('hi')"), "t", tag,
        "labels", "{\"from.cli\":\"yes\"}");
    String out = text(messages);
    assertTrue(out.startsWith("Step 1/16 : FROM " + base + "\n ---> "), out);
    assertTrue(out.contains("Step 16/16 : RUN echo hi $A\n ---> Running in "), out);
    assertTrue(out.contains("ran: echo hi $A\nRemoving intermediate container "), out);
    String id = imageId(messages);
    assertTrue(out.endsWith("Successfully built " + id.substring(7, 19) + "\nSuccessfully tagged " + tag + ":latest\n"), out);

    JsonNode image = JSON.readTree(given().get("/images/" + tag + "/json").then().statusCode(200).extract().asString());
    assertEquals(id, image.path("Id").asText());
    JsonNode c = image.path("Config");
    assertEquals("[\"A=1\",\"B=two\"]", c.path("Env").toString());
    assertEquals("v", c.path("Labels").path("l").asText());
    assertEquals("yes", c.path("Labels").path("from.cli").asText());
    assertTrue(c.path("ExposedPorts").has("5000/tcp") && c.path("ExposedPorts").has("53/udp"), c.toString());
    assertEquals("app", c.path("User").asText());
    assertEquals("/srv/sub", c.path("WorkingDir").asText());
    assertTrue(c.path("Volumes").has("/data"));
    assertEquals("[\"/bin/bash\",\"-c\",\"python3 app.py\"]", c.path("Cmd").toString()); // CMD came first: kept
    assertEquals("[\"/entry\"]", c.path("Entrypoint").toString());
    assertEquals("[\"CMD-SHELL\",\"curl -f http://localhost/\"]", c.path("Healthcheck").path("Test").toString());
    assertEquals(30_000_000_000L, c.path("Healthcheck").path("Interval").asLong());
    assertEquals("SIGINT", c.path("StopSignal").asText());
    assertEquals("[\"RUN echo child\"]", c.path("OnBuild").toString());
    assertEquals("[\"/bin/bash\",\"-c\"]", c.path("Shell").toString());
    assertFalse(image.path("Parent").asText().isEmpty());

    var step = FakeRunStepExecutor.STEPS.get(FakeRunStepExecutor.STEPS.size() - 1);
    assertEquals(List.of("/bin/bash", "-c", "echo hi $A"), step.argv());
    assertEquals("/srv/sub", step.workingDir());
    assertEquals("app", step.user());
    assertTrue(step.env().contains("A=1"));

    String history = given().get("/images/" + tag + "/history").then().statusCode(200).extract().asString();
    assertTrue(history.contains("/bin/sh -c #(nop)  ENV A=1 B=two"), history);
    assertTrue(history.contains("/bin/sh -c #(nop) WORKDIR /srv/sub"), history);
    assertTrue(history.contains("/bin/bash -c #(nop)  CMD [\\\"/bin/bash\\\" \\\"-c\\\" \\\"python3 app.py\\\"]"), history);
    assertTrue(history.contains("\"/bin/bash -c echo hi $A\""), history);

    // a child build runs the ONBUILD trigger and does not inherit it
    List<JsonNode> child = build(TestTars.tar("Dockerfile", "FROM " + tag + "\nENV C=3\n"), "t", tag + "-child");
    assertTrue(text(child).contains("# Executing 1 build trigger\n"), text(child));
    assertTrue(text(child).contains("ran: echo child"), text(child));
    JsonNode childImage = JSON.readTree(given().get("/images/" + tag + "-child/json").then().extract().asString());
    assertTrue(childImage.path("Config").path("OnBuild").isNull() || childImage.path("Config").path("OnBuild").isMissingNode());
  }

  @Test
  void aSecondBuildComesFromTheCacheAndAChangedFileRebuildsFromItsStep() throws Exception {
    String dockerfile = "FROM " + base + "\nENV X=" + run + "\nCOPY app.py /app/\nRUN echo build\nCMD [\"run\"]\n";
    byte[] context = TestTars.tar("Dockerfile", dockerfile, "app.py", "v1");
    List<JsonNode> first = build(context, "t", "cache-" + run);
    assertEquals(0, count(text(first), " ---> Using cache"), text(first));
    String firstTagTime = lastTagTime("cache-" + run);
    List<JsonNode> second = build(context, "t", "cache-" + run);
    assertEquals(4, count(text(second), " ---> Using cache"), text(second));
    assertEquals(imageId(first), imageId(second));
    // The tag named the image already: it is tagged again (its time moves), after the answer.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .until(() -> !lastTagTime("cache-" + run).equals(firstTagTime));

    List<JsonNode> changed = build(TestTars.tar("Dockerfile", dockerfile, "app.py", "v2"), "t", "cache-" + run);
    String out = text(changed);
    assertEquals(1, count(out, " ---> Using cache"), out); // ENV only; COPY, RUN and CMD are new
    assertTrue(out.indexOf("Using cache") < out.indexOf("Step 3/5"), out);
    assertNotEquals(imageId(first), imageId(changed));

    List<JsonNode> noCache = build(context, "nocache", "1");
    assertEquals(0, count(text(noCache), " ---> Using cache"), text(noCache));

    JsonNode pruned = JSON.readTree(given().post("/build/prune").then().statusCode(200).extract().asString());
    assertTrue(pruned.path("CachesDeleted").size() > 0, pruned.toString());
    assertTrue(pruned.has("SpaceReclaimed"));
    List<JsonNode> afterPrune = build(context);
    assertEquals(0, count(text(afterPrune), " ---> Using cache"), text(afterPrune));
    // the tagged results survive the prune
    given().get("/images/cache-" + run + "/json").then().statusCode(200);
  }

  @Test
  void aCachedRebuildSeesItsBaseTagMovedSinceTheLastBuild() throws Exception {
    String from = "movingbase-" + run + ":1";
    importImage(from, "etc/release", "one");
    byte[] context = TestTars.tar("Dockerfile", "FROM " + from + "\nENV M=" + run + "\n");
    build(context);
    List<JsonNode> cached = build(context);
    assertEquals(1, count(text(cached), " ---> Using cache"), text(cached));

    importImage(from, "etc/release", "two");
    String moved = JSON.readTree(given().get("/images/" + from + "/json").then().statusCode(200).extract().asString())
        .path("Id").asText();
    List<JsonNode> rebuilt = build(context);
    String out = text(rebuilt);
    // The FROM (remembered from the last builds) is checked with the cache entries: the new base, no cache.
    assertEquals(0, count(out, " ---> Using cache"), out);
    assertTrue(out.contains(" ---> " + moved.substring("sha256:".length(), "sha256:".length() + 12) + "\n"), out);
  }

  @Test
  void aCachedRebuildMovesOrAddsItsTagsBeforeItAnswers() throws Exception {
    byte[] context = TestTars.tar("Dockerfile", "FROM " + base + "\nENV T=" + run + "\n");
    String built = imageId(build(context, "t", "first-" + run));
    String other = imageId(build(TestTars.tar("Dockerfile", "FROM " + base + "\nENV T=other-" + run + "\n"),
        "t", "second-" + run));
    assertNotEquals(built, other);

    List<JsonNode> cached = build(context, "t", "second-" + run, "t", "third-" + run);
    assertEquals(1, count(text(cached), " ---> Using cache"), text(cached));
    // The cache check read the tags too: the moved and the new one name the image as soon as the answer ends.
    for (String tag : List.of("second-" + run, "third-" + run)) {
      given().get("/images/" + tag + "/json").then().statusCode(200).body("Id", org.hamcrest.Matchers.equalTo(built));
    }
  }

  static void importImage(String name, String... files) throws Exception {
    given().body(TestTars.tar(files)).queryParam("fromSrc", "-").queryParam("repo", name).post("/images/create")
        .then().statusCode(200);
  }

  @Test
  void aFailingRunReportsItsCodeAndTagsNothing() throws Exception {
    String tag = "fail-" + run;
    List<JsonNode> messages = build(TestTars.tar("Dockerfile", "FROM " + base + "\nRUN echo ok\nRUN exit 3\n"), "t", tag);
    JsonNode last = messages.get(messages.size() - 1);
    assertEquals("The command '/bin/sh -c exit 3' returned a non-zero code: 3", last.path("error").asText());
    assertEquals(3, last.path("errorDetail").path("code").asInt());
    assertTrue(messages.stream().noneMatch(m -> m.has("aux")));
    given().get("/images/" + tag + "/json").then().statusCode(404);
    String fact = KafkaFacts.find("io.berth.build.failed.v1", null, "exit 3");
    assertTrue(fact.contains("\"exitCode\":3") && fact.contains("\"step\":3"), fact);
  }

  @Test
  void imagePruneSparesTheBuildCacheAndBuilderPruneRemovesIt() throws Exception {
    List<JsonNode> messages = build(TestTars.tar("Dockerfile", "FROM " + base + "\nLABEL prunecheck=" + run
        + "\nRUN exit 4\n"));
    String out = text(messages);
    String step = out.substring(out.indexOf("Step 2/3"));
    String shortId = step.substring(step.indexOf(" ---> ") + 6, step.indexOf(" ---> ") + 18);
    String filter = "{\"dangling\":{\"true\":true},\"label\":{\"prunecheck=" + run + "\":true}}";
    given().queryParam("filters", filter).post("/images/prune").then().statusCode(200);
    given().get("/images/" + shortId + "/json").then().statusCode(200);
    given().post("/build/prune").then().statusCode(200);
    given().get("/images/" + shortId + "/json").then().statusCode(404);
  }

  @Test
  void dockerfileErrorsAreHttpErrorsNamingTheLine() throws Exception {
    given().contentType("application/x-tar").body(TestTars.tar("Dockerfile", "FROM " + base + "\nFOO bar\n"))
        .post("/build").then().statusCode(400).body("message", containsString("line 2"))
        .body("message", containsString("unknown instruction"));
    given().contentType("application/x-tar").body(TestTars.tar("other", "x")).post("/build").then().statusCode(400)
        .body("message", containsString("Cannot locate specified Dockerfile: Dockerfile"));
    given().contentType("application/x-tar").body(TestTars.tar("Dockerfile", "FROM scratch\n", "../x", "y"))
        .post("/build").then().statusCode(400).body("message", containsString("outside of the context"));
    List<JsonNode> missing = build(TestTars.tar("Dockerfile", "FROM " + base + "\nCOPY nope.txt /\n"));
    assertEquals("COPY failed: file not found in build context or excluded by .dockerignore: stat nope.txt: file"
        + " does not exist", missing.get(missing.size() - 1).path("error").asText());
  }

  @Test
  void multiStageBuildsOnlyWhatTheTargetNeeds() throws Exception {
    String tag = "multi-" + run;
    String dockerfile = """
        ARG V=1
        FROM %s AS builder
        ARG V
        RUN echo $V
        FROM scratch AS final
        COPY --from=builder /ran.txt /out.txt
        COPY . /ctx/
        FROM %s AS unused
        RUN exit 9
        """.formatted(base, base);
    List<JsonNode> messages = build(TestTars.tar("Dockerfile", dockerfile, ".dockerignore", "secret.txt\n",
            "secret.txt", "hidden", "app.py", "code"),
        "t", tag, "target", "final", "buildargs", "{\"V\":\"7\",\"UNUSED\":\"x\"}");
    String out = text(messages);
    assertTrue(out.contains("Step 7/7 : COPY . /ctx/"), out);
    assertFalse(out.contains("exit 9"), out);
    assertTrue(out.contains("[Warning] One or more build-args [UNUSED] were not consumed"), out);
    assertTrue(FakeRunStepExecutor.STEPS.stream().anyMatch(s -> s.env().contains("V=7")));
    String id = imageId(messages);

    JsonNode image = JSON.readTree(given().get("/images/" + tag + "/json").then().statusCode(200).extract().asString());
    assertEquals(2, image.path("RootFS").path("Layers").size(), image.toString());
    Path tree = Files.createTempDirectory("multi");
    rootfs.unpack(id, tree);
    assertTrue(Files.readString(tree.resolve("out.txt")).contains("V=7"));
    assertTrue(Files.exists(tree.resolve("ctx/app.py")));
    assertFalse(Files.exists(tree.resolve("ctx/secret.txt")), ".dockerignore not applied");
    assertFalse(Files.exists(tree.resolve("etc/passwd")), "the final stage holds only what was copied");

    String history = given().get("/images/" + tag + "/history").then().extract().asString();
    assertTrue(history.contains("COPY --from=builder /ran.txt in /out.txt"), history);

    // step images are hidden from docker images, shown with -a
    String parent = image.path("Parent").asText();
    assertFalse(given().get("/images/json").then().extract().jsonPath().getList("Id").contains(parent));
    assertTrue(given().queryParam("all", "1").get("/images/json").then().extract().jsonPath().getList("Id").contains(parent));
  }

  @Test
  void aSuccessfulBuildPublishesItsFacts() throws Exception {
    String tag = "facts-" + run;
    List<JsonNode> messages = build(TestTars.tar("Dockerfile", "FROM " + base + "\nENV F=" + run + "\n"), "t", tag);
    String id = imageId(messages);
    String built = KafkaFacts.find("io.berth.image.built.v1", id, tag);
    assertTrue(built.contains("\"repoTags\":[\"" + tag + ":latest\"]"), built);
    String finished = KafkaFacts.find("io.berth.build.finished.v1", null, id);
    assertTrue(finished.contains("\"steps\":2"), finished);
    String buildId = JSON.readTree(finished).path("buildId").asText();
    KafkaFacts.find("io.berth.build.started.v1", buildId, tag);
    KafkaFacts.find("io.berth.buildstep.completed.v1", buildId, id);
    assertNull(null);
  }

  @Test
  void addUnpacksLocalArchivesAndChownNamesComeFromTheImage() throws Exception {
    String tag = "add-" + run;
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (var out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write(TestTars.tar("pkg/lib.txt", "from the archive"));
    }
    java.io.ByteArrayOutputStream context = new java.io.ByteArrayOutputStream();
    try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(context)) {
      for (var e : java.util.Map.of(
          "Dockerfile", ("FROM " + base + "\nADD bundle.tar.gz /opt/\nCOPY --chown=app:app --chmod=600 conf /etc/app.conf\n")
              .getBytes(),
          "bundle.tar.gz", gz.toByteArray(), "conf", "k=v".getBytes()).entrySet()) {
        var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(e.getKey());
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
    List<JsonNode> messages = build(context.toByteArray(), "t", tag);
    String id = imageId(messages);
    Path tree = Files.createTempDirectory("add");
    rootfs.unpack(id, tree);
    assertEquals("from the archive", Files.readString(tree.resolve("opt/pkg/lib.txt")));
    assertFalse(Files.exists(tree.resolve("opt/bundle.tar.gz")));

    JsonNode image = JSON.readTree(given().get("/images/" + tag + "/json").then().extract().asString());
    var layers = image.path("RootFS").path("Layers");
    String top = layers.get(layers.size() - 1).asText();
    try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
        blobs.open(io.berth.oci.Digest.parse(top)))) {
      org.apache.commons.compress.archivers.tar.TarArchiveEntry e;
      boolean seen = false;
      while ((e = in.getNextEntry()) != null) {
        if (e.getName().equals("etc/app.conf")) {
          seen = true;
          assertEquals(1000, e.getLongUserId());
          assertEquals(1001, e.getLongGroupId());
          assertEquals(0600, e.getMode() & 07777);
        }
      }
      assertTrue(seen, "etc/app.conf not in the COPY layer");
    }
  }

  @Test
  void quietModeSendsOnlyTheId() throws Exception {
    List<JsonNode> messages = build(TestTars.tar("Dockerfile", "FROM " + base + "\nENV Q=" + run + "\n"), "q", "1");
    String id = imageId(messages);
    assertEquals(id + "\n", text(messages));
  }
}
