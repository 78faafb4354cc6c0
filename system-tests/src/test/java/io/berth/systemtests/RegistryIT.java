package io.berth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Berth as a registry and as a registry client, with real clients on both sides: skopeo pushes
 * into Berth's registry (127.0.0.1:5050) and copies back out byte for byte; the CNCF distribution
 * registry 2.8.2 (Debian's docker-registry), started here on a free loopback port, serves an image
 * that `docker pull` brings into Berth and `docker run` runs, and receives a `docker push` that
 * skopeo then reads back. Bad input gets the spec's errors and leaves nothing behind.
 */
class RegistryIT {
  static final Path WORK = BerthStack.HOME.getParent().resolve("registry-it");
  static final String BERTH = "127.0.0.1:5050";
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static Process distribution;
  static String remote;

  @BeforeAll
  static void stackAndRegistry() throws Exception {
    BerthStack.ensureUp();
    Files.createDirectories(WORK);
    Path rootfs = WORK.resolve("busybox-rootfs.tar");
    Shell.run(BerthStack.REPO, Map.of(), Duration.ofMinutes(1),
            List.of("sh", BerthStack.REPO.resolve("scripts/busybox-rootfs.sh").toString(), rootfs.toString()))
        .assertOk();
    BerthStack.docker("import", "--change", "CMD [\"/bin/sh\"]", rootfs.toString(), "reg-busybox").assertOk();
    // ./berth test installs docker-registry; without it this fails rather than skips.
    distribution = startDistribution(WORK.resolve("distribution"));
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    if (distribution != null) {
      distribution.destroy();
      if (!distribution.waitFor(10, TimeUnit.SECONDS)) {
        distribution.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void skopeoCopiesAnOciLayoutIntoBerthAndBackByteForByte() throws Exception {
    Path source = Files.createTempDirectory(WORK, "layout");
    ociLayout(source, "v1", Files.readAllBytes(WORK.resolve("busybox-rootfs.tar")));
    skopeo("copy", "--preserve-digests", "--dest-tls-verify=false", "--dest-creds", "admin:" + BerthStack.adminToken(),
        "oci:" + source + ":v1", "docker://" + BERTH + "/it/skopeo:v1");
    String raw = skopeo("inspect", "--raw", "oci:" + source + ":v1");
    assertEquals(raw, skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + BERTH + "/it/skopeo:v1"));
    String digest = sha256(raw.getBytes(StandardCharsets.UTF_8));
    assertTrue(skopeo("inspect", "--tls-verify=false", "docker://" + BERTH + "/it/skopeo:v1")
        .contains("\"Digest\": \"" + digest + "\""));

    Path back = Files.createTempDirectory(WORK, "back");
    skopeo("copy", "--preserve-digests", "--dest-oci-accept-uncompressed-layers", "--src-tls-verify=false",
        "docker://" + BERTH + "/it/skopeo@" + digest, "oci:" + back + ":out");
    assertEquals(raw, skopeo("inspect", "--raw", "oci:" + back + ":out"));
    assertTrue(get("/v2/it/skopeo/tags/list").body().contains("\"v1\""));
  }

  @Test
  void dockerPullsFromDistributionAndRunsIt() throws Exception {
    Path source = Files.createTempDirectory(WORK, "pull");
    ociLayout(source, "1", Files.readAllBytes(WORK.resolve("busybox-rootfs.tar")));
    skopeo("copy", "--dest-tls-verify=false", "oci:" + source + ":1", "docker://" + remote + "/it/busybox:1");

    Shell.Result pull = BerthStack.docker("pull", remote + "/it/busybox:1");
    assertEquals(0, pull.exitCode(), pull.stderr());
    assertTrue(pull.stdout().contains("Downloaded newer image for " + remote + "/it/busybox:1"), pull.stdout());
    Shell.Result again = BerthStack.docker("pull", remote + "/it/busybox:1");
    assertTrue(again.stdout().contains("Image is up to date"), again.stdout());

    Shell.Result run = BerthStack.docker("run", "--rm", remote + "/it/busybox:1", "echo", "pulled and running");
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("pulled and running\n", run.stdout());

    Shell.Result history = BerthStack.docker("history", "-q", remote + "/it/busybox:1");
    assertEquals(0, history.exitCode(), history.stderr());
    Shell.Result listed = BerthStack.docker("images", "--filter", "reference=" + remote + "/it/*", "--format", "{{.Repository}}:{{.Tag}}");
    assertEquals(remote + "/it/busybox:1\n", listed.stdout(), listed.stderr());

    Shell.Result missing = BerthStack.docker("pull", remote + "/it/busybox:nope");
    assertNotEquals(0, missing.exitCode());
    assertTrue(missing.stderr().contains("not found: manifest unknown"), missing.stderr());
  }

  @Test
  void dockerPushReachesDistributionAndBerthsOwnRegistry() throws Exception {
    long since = System.currentTimeMillis() / 1000 - 1;
    BerthStack.docker("tag", "reg-busybox", remote + "/it/pushed:1").assertOk();
    Shell.Result push = BerthStack.docker("push", remote + "/it/pushed:1");
    assertEquals(0, push.exitCode(), push.stderr());
    String digest = BerthStack.docker("image", "inspect", "--format", "{{index .RepoDigests 0}}", remote + "/it/pushed:1")
        .assertOk().stdout().trim();
    digest = digest.substring(digest.indexOf('@') + 1);
    assertTrue(push.stdout().contains("1: digest: " + digest), push.stdout());
    assertTrue(skopeo("inspect", "--tls-verify=false", "docker://" + remote + "/it/pushed:1")
        .contains("\"Digest\": \"" + digest + "\""));
    Path out = Files.createTempDirectory(WORK, "pushed");
    skopeo("copy", "--src-tls-verify=false", "docker://" + remote + "/it/pushed:1", "oci:" + out + ":x");

    Shell.Result again = BerthStack.docker("push", remote + "/it/pushed:1");
    assertTrue(again.stdout().contains("Layer already exists"), again.stdout());

    // docker events shows the tag and the push as Docker's image events
    Thread.sleep(1000);
    Shell.Result events = BerthStack.docker("events", "--since", Long.toString(since),
        "--until", Long.toString(System.currentTimeMillis() / 1000 + 1), "--filter", "type=image",
        "--format", "{{.Action}} {{.Actor.Attributes.name}}");
    assertTrue(events.stdout().contains("tag " + remote + "/it/pushed:1"), events.stdout() + events.stderr());
    assertTrue(events.stdout().contains("push " + remote + "/it/pushed:1"), events.stdout() + events.stderr());

    BerthStack.docker("tag", "reg-busybox", BERTH + "/it/own:1").assertOk();
    // Berth's registry takes pushes from a logged-in client only (a token as password)
    Map<String, String> loggedIn = new java.util.HashMap<>(BerthStack.env());
    loggedIn.put("DOCKER_CONFIG", Files.createDirectories(WORK.resolve("docker-config-own")).toString());
    Shell.Result login = Shell.sh(WORK, loggedIn, Duration.ofMinutes(1),
        "docker login -u admin --password-stdin " + BERTH + " < " + BerthStack.HOME.resolve("admin-token"));
    assertEquals(0, login.exitCode(), login.stderr());
    docker(loggedIn, "push", BERTH + "/it/own:1").assertOk();
    assertTrue(skopeo("inspect", "--tls-verify=false", "docker://" + BERTH + "/it/own:1")
        .contains("\"Digest\": \"" + digest + "\""));
  }

  @Test
  void saveThenLoadKeepsTheImageId() throws Exception {
    BerthStack.docker("tag", "reg-busybox", "it-saved:1").assertOk();
    String id = BerthStack.docker("image", "inspect", "--format", "{{.Id}}", "it-saved:1").assertOk().stdout().trim();
    Path archive = WORK.resolve("saved.tar");
    BerthStack.docker("save", "-o", archive.toString(), "it-saved:1").assertOk();
    BerthStack.docker("rmi", "it-saved:1").assertOk();
    assertNotEquals(0, BerthStack.docker("image", "inspect", "it-saved:1").exitCode());
    Shell.Result load = BerthStack.docker("load", "-i", archive.toString());
    assertEquals(0, load.exitCode(), load.stderr());
    assertTrue(load.stdout().contains("Loaded image: it-saved:1"), load.stdout());
    assertEquals(id, BerthStack.docker("image", "inspect", "--format", "{{.Id}}", "it-saved:1").assertOk().stdout().trim());
    // the same archive is an OCI layout for other tools
    assertTrue(skopeo("inspect", "--raw", "docker-archive:" + archive).contains("\"layers\""));
  }

  /**
   * The docker CLI's own parts: `docker login` stores the credentials (in a private
   * DOCKER_CONFIG) and sends them as X-Registry-Auth on pull and push, and as X-Registry-Config on
   * a build whose FROM is there, to a registry that wants basic auth; push mounts a layer the registry has in another repository; `docker image prune`
   * removes a dangling image; `docker search` says it is not supported.
   */
  @Test
  void dockerLoginPushMountPruneAndSearch() throws Exception {
    Path dir = Files.createDirectories(WORK.resolve("auth-registry"));
    Shell.Result entry = Shell.run(WORK, Map.of(), Duration.ofSeconds(30), List.of("python3", "-c",
        "import crypt; print('it:' + crypt.crypt('it-pass', crypt.mksalt(crypt.METHOD_BLOWFISH)))")).assertOk();
    Files.writeString(dir.resolve("htpasswd"), entry.stdout());
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String secured = "127.0.0.1:" + port;
    Process auth = startDistribution(dir, port,
        "auth:\n  htpasswd:\n    realm: it\n    path: " + dir.resolve("htpasswd") + "\n");
    try {
      Map<String, String> env = new java.util.HashMap<>(BerthStack.env());
      env.put("DOCKER_CONFIG", Files.createDirectories(WORK.resolve("docker-config")).toString());
      Path source = Files.createTempDirectory(WORK, "auth");
      ociLayout(source, "1", Files.readAllBytes(WORK.resolve("busybox-rootfs.tar")));
      skopeo("copy", "--dest-tls-verify=false", "--dest-creds", "it:it-pass", "oci:" + source + ":1",
          "docker://" + secured + "/it/secret:1");

      Shell.Result anonymous = docker(env, "pull", secured + "/it/secret:1");
      assertNotEquals(0, anonymous.exitCode());
      assertTrue(anonymous.stderr().contains("docker login"), anonymous.stderr());
      Shell.Result wrong = Shell.sh(WORK, env, Duration.ofMinutes(1),
          "echo nope | docker login -u it --password-stdin " + secured);
      assertNotEquals(0, wrong.exitCode());
      // A build's FROM pulls with the login the CLI sends in X-Registry-Config.
      Path context = Files.createDirectories(WORK.resolve("auth-build"));
      Files.writeString(context.resolve("Dockerfile"), "FROM " + secured + "/it/secret:1\nLABEL it-auth-build=1\n");
      Map<String, String> buildEnv = new java.util.HashMap<>(env);
      buildEnv.put("DOCKER_BUILDKIT", "0");
      Shell.Result anonymousBuild = docker(buildEnv, "build", "-t", "it-auth-build", context.toString());
      assertNotEquals(0, anonymousBuild.exitCode());
      assertTrue((anonymousBuild.stdout() + anonymousBuild.stderr()).contains("docker login"),
          anonymousBuild.stdout() + anonymousBuild.stderr());
      Shell.Result login = Shell.sh(WORK, env, Duration.ofMinutes(1),
          "echo it-pass | docker login -u it --password-stdin " + secured);
      assertEquals(0, login.exitCode(), login.stderr());
      assertTrue(login.stdout().contains("Login Succeeded"), login.stdout());
      Shell.Result build = docker(buildEnv, "build", "-t", "it-auth-build", context.toString());
      assertEquals(0, build.exitCode(), build.stdout() + build.stderr());
      assertEquals("1", docker(env, "image", "inspect", "--format", "{{index .Config.Labels \"it-auth-build\"}}",
          "it-auth-build").assertOk().stdout().trim());
      Shell.Result pull = docker(env, "pull", secured + "/it/secret:1");
      assertEquals(0, pull.exitCode(), pull.stderr());

      docker(env, "tag", secured + "/it/secret:1", secured + "/it/copy:1").assertOk();
      Shell.Result push = docker(env, "push", secured + "/it/copy:1");
      assertEquals(0, push.exitCode(), push.stderr());
      assertTrue(push.stdout().contains("Mounted from it/secret"), push.stdout());
      skopeo("inspect", "--tls-verify=false", "--creds", "it:it-pass", "docker://" + secured + "/it/copy:1");
    } finally {
      auth.destroy();
      auth.waitFor(10, TimeUnit.SECONDS);
    }

    // a dangling image: the tag moves to a second import
    Path tiny = WORK.resolve("tiny.tar");
    Shell.run(WORK, Map.of(), Duration.ofSeconds(30), List.of("tar", "-cf", tiny.toString(), "-C",
        BerthStack.REPO.resolve("scripts").toString(), "busybox-rootfs.sh")).assertOk();
    String first = BerthStack.docker("import", "--change", "LABEL it-prune=1", tiny.toString(), "it-prune:1")
        .assertOk().stdout().trim();
    BerthStack.docker("import", "--change", "LABEL it-prune=1", "--message", "second", tiny.toString(), "it-prune:1")
        .assertOk();
    Shell.Result prune = BerthStack.docker("image", "prune", "-f", "--filter", "label=it-prune=1");
    assertEquals(0, prune.exitCode(), prune.stderr());
    assertTrue(prune.stdout().contains("deleted: " + first), prune.stdout());
    assertTrue(prune.stdout().contains("Total reclaimed space"), prune.stdout());
    BerthStack.docker("image", "inspect", "it-prune:1").assertOk();
    assertNotEquals(0, BerthStack.docker("image", "inspect", first).exitCode());

    Shell.Result search = BerthStack.docker("search", "busybox");
    assertNotEquals(0, search.exitCode());
    assertTrue(search.stderr().contains("not supported"), search.stderr());
  }

  static Shell.Result docker(Map<String, String> env, String... args) {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add("docker");
    cmd.addAll(List.of(args));
    return Shell.run(BerthStack.REPO, env, Duration.ofMinutes(2), cmd);
  }

  @Test
  void badInputIsRefusedWithTheSpecsErrorsAndLeavesNothing() throws Exception {
    byte[] data = "some layer bytes".getBytes(StandardCharsets.UTF_8);
    String wrong = sha256("other bytes".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = send("POST", "/v2/it/bad/blobs/uploads/?digest=" + wrong, data, null);
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("\"DIGEST_INVALID\""), r.body());
    assertEquals(404, send("HEAD", "/v2/it/bad/blobs/" + sha256(data), null, null).statusCode());

    String config = sha256("{}".getBytes(StandardCharsets.UTF_8));
    assertEquals(201, send("POST", "/v2/it/bad/blobs/uploads/?digest=" + config, "{}".getBytes(StandardCharsets.UTF_8), null)
        .statusCode());
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + config + "\",\"size\":2},"
        + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + wrong + "\",\"size\":5}]}";
    r = send("PUT", "/v2/it/bad/manifests/v1", manifest.getBytes(StandardCharsets.UTF_8),
        "application/vnd.oci.image.manifest.v1+json");
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("\"MANIFEST_BLOB_UNKNOWN\""), r.body());
    assertEquals(404, get("/v2/it/bad/manifests/v1").statusCode());

    r = get("/v2/It/Bad/tags/list");
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("\"NAME_INVALID\""), r.body());
    assertEquals(400, get("/v2/it/bad/blobs/sha256:123").statusCode());

    // a truncated monolithic upload: the connection ends before Content-Length bytes arrived
    byte[] full = new byte[100_000];
    String fullDigest = sha256(full);
    try (Socket s = new Socket("127.0.0.1", 5050)) {
      OutputStream out = s.getOutputStream();
      out.write(("POST /v2/it/bad/blobs/uploads/?digest=" + fullDigest + " HTTP/1.1\r\nHost: " + BERTH
          + "\r\nAuthorization: " + BerthStack.registryBasicAuth() + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + full.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(full, 0, 1000);
      out.flush();
    }
    Thread.sleep(500);
    assertEquals(404, send("HEAD", "/v2/it/bad/blobs/" + fullDigest, null, null).statusCode());
    try (var ingest = Files.list(BerthStack.HOME.resolve("images/ingest"))) {
      assertEquals(0, ingest.count(), "an unfinished upload left a file behind");
    }

    Shell.Result badName = BerthStack.docker("pull", "127.0.0.1:5050/Bad/Name:1");
    assertNotEquals(0, badName.exitCode());
  }

  // --- helpers -------------------------------------------------------------------------------

  static Process startDistribution(Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    remote = "127.0.0.1:" + port;
    return startDistribution(dir, port, "");
  }

  /** A distribution registry on {@code port}; {@code extraConfig} is appended to its YAML (auth). */
  static Process startDistribution(Path dir, int port, String extraConfig) throws Exception {
    Files.createDirectories(dir.resolve("data"));
    Path config = dir.resolve("config.yml");
    Files.writeString(config, "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: "
        + dir.resolve("data") + "\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:" + port + "\n" + extraConfig);
    Process p = new ProcessBuilder("/usr/bin/docker-registry", "serve", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
    String address = "127.0.0.1:" + port;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try {
        if (HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address + "/v2/")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() / 100 != 5) { // 200, or 401 with auth
          return p;
        }
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("docker-registry did not start, see " + dir.resolve("registry.log"));
  }

  static String skopeo(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add("skopeo");
    cmd.addAll(List.of(args));
    return Shell.run(WORK, Map.of(), Duration.ofMinutes(3), cmd).assertOk().stdout();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null, null);
  }

  static HttpResponse<String> send(String method, String path, byte[] body, String contentType) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + BERTH + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    b.header("Content-Type", contentType == null ? "application/octet-stream" : contentType);
    b.header("Authorization", BerthStack.registryBasicAuth());
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String sha256(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** An OCI layout holding one linux/amd64 image whose single (uncompressed) layer is {@code layer}. */
  static void ociLayout(Path dir, String tag, byte[] layer) throws Exception {
    String layerDigest = blob(dir, layer);
    byte[] config = ("{\"created\":\"2025-01-02T03:04:05Z\",\"architecture\":\"amd64\",\"os\":\"linux\","
        + "\"config\":{\"Cmd\":[\"/bin/sh\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layerDigest + "\"]}}")
        .getBytes(StandardCharsets.UTF_8);
    String configDigest = blob(dir, config);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
        + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
        + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
    String manifestDigest = blob(dir, manifest);
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest + "\",\"size\":" + manifest.length
        + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}]}");
  }

  private static String blob(Path dir, byte[] content) throws Exception {
    String d = sha256(content);
    Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
    Files.write(blobs.resolve(d.substring(7)), content);
    return d;
  }
}
