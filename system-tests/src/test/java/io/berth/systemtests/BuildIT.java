package io.berth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dockerfile builds (issue 7) with the stock docker CLI's legacy builder (DOCKER_BUILDKIT=0):
 * the seed workflow on a real Debian base made with debootstrap, the build cache, multi-stage
 * builds, .dockerignore, and failures that leave nothing behind.
 */
class BuildIT {
  /** Outside the repository, so `git clean` and new worktrees keep the expensive base image. */
  static final Path CACHE = Path.of(System.getProperty("berth.test.cache", "/var/cache/berth-tests"));
  static final Path DEBIAN_TAR = CACHE.resolve("debian-minbase-bookworm.tar");
  static final String DEBIAN = "debian-minbase:bookworm";
  static final Path CONTEXTS = BerthStack.HOME.getParent().resolve("build-contexts");
  private static final Pattern STEP = Pattern.compile("(?m)^Step (\\d+)/(\\d+) : (.*)$");
  private static final Pattern BUILT = Pattern.compile("(?m)^Successfully built ([0-9a-f]{12})$");

  @BeforeAll
  static void baseImages() {
    RunContainersIT.busyboxImage();
  }

  // ---------------------------------------------------------------- the seed workflow

  @Test
  void seedWorkflowBuildsAPythonAppOnDebianThenCachesAndRebuildsFromTheChangedStep() throws Exception {
    debianImage();
    Path ctx = context("python-app", Map.of(
        "Dockerfile", """
            FROM debian-minbase:bookworm
            ENV DEBIAN_FRONTEND=noninteractive
            # Bounded: a stalled mirror fails the step instead of hanging the build.
            RUN timeout 600 apt-get -o Acquire::http::Timeout=30 -o Acquire::Retries=3 update \\
                && timeout 900 apt-get -o Acquire::http::Timeout=30 -o Acquire::Retries=3 install -y python3 \\
                && rm -rf /var/lib/apt/lists/*
            WORKDIR /app
            COPY app.py .
            RUN python3 -c "import ast; ast.parse(open('app.py').read())"
            EXPOSE 5000
            CMD ["python3", "app.py"]
            """,
        "app.py", app("hello from my-python-app")));

    long start = System.nanoTime();
    Shell.Result first = build(ctx, Duration.ofMinutes(25), "-t", "my-python-app", ".");
    System.out.printf("BuildIT: cold build of my-python-app (apt-get install python3) took %d s%n",
        Duration.ofNanos(System.nanoTime() - start).toSeconds());
    String id = builtId(first);
    assertTrue(first.stdout().contains("Successfully tagged my-python-app:latest"), first.stdout());
    assertTrue(first.stdout().contains("python3"), "the RUN step's output is shown live:\n" + first.stdout());

    String container = BerthStack.docker("run", "-d", "-p", "5000:5000", "my-python-app").assertOk().stdout().trim();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .until(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:5000/")).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString()).body().equals("hello from my-python-app\n"));
    } finally {
      BerthStack.docker("rm", "-f", container);
    }

    // docker history shows the steps, newest first, with the commands that made them.
    String history = BerthStack.docker("history", "--no-trunc", "--format", "{{.CreatedBy}}", "my-python-app")
        .assertOk().stdout();
    assertTrue(history.contains("apt-get -o Acquire::http::Timeout=30 -o Acquire::Retries=3 install -y python3"), history);
    assertTrue(history.contains("WORKDIR /app"), history);
    assertTrue(history.contains("CMD [\"python3\" \"app.py\"]"), history);
    assertTrue(history.indexOf("CMD") < history.indexOf("apt-get"), "newest first:\n" + history);

    // No change: every step after FROM comes from the cache, and the image is the same.
    Shell.Result again = build(ctx, Duration.ofMinutes(5), "-t", "my-python-app", ".");
    assertEquals(id, builtId(again));
    Map<String, Boolean> cached = cachedSteps(again.stdout());
    assertEquals(8, cached.size(), again.stdout());
    cached.forEach((step, fromCache) -> assertTrue(step.startsWith("FROM") || fromCache, step + "\n" + again.stdout()));

    // One copied file changed: the steps before its COPY are reused, the COPY and all after rebuilt.
    Files.writeString(ctx.resolve("app.py"), app("hello again from my-python-app"));
    Shell.Result changed = build(ctx, Duration.ofMinutes(10), "-t", "my-python-app", ".");
    assertNotEquals(id, builtId(changed));
    List<Map.Entry<String, Boolean>> steps = new ArrayList<>(cachedSteps(changed.stdout()).entrySet());
    int copy = indexOf(steps, "COPY app.py");
    for (int i = 1; i < steps.size(); i++) {
      assertEquals(i < copy, steps.get(i).getValue(), steps.get(i).getKey() + "\n" + changed.stdout());
    }
  }

  private static String app(String greeting) {
    return """
        from http.server import BaseHTTPRequestHandler, HTTPServer

        class Hello(BaseHTTPRequestHandler):
            def do_GET(self):
                body = b"%s\\n"
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        HTTPServer(("0.0.0.0", 5000), Hello).serve_forever()
        """.formatted(greeting);
  }

  /**
   * Imports the Debian minbase image, running debootstrap only when the cached tar is missing
   * (minutes of downloads from the configured mirror; its time is printed).
   */
  static void debianImage() throws IOException {
    if (!Files.isRegularFile(DEBIAN_TAR)) {
      long start = System.nanoTime();
      Shell.run(BerthStack.REPO, Map.of(), Duration.ofMinutes(20), List.of("sh",
          BerthStack.REPO.resolve("scripts/debian-minbase.sh").toString(), DEBIAN_TAR.toString())).assertOk();
      System.out.printf("BuildIT: debootstrap of the Debian base image took %d s (cached in %s from now on)%n",
          Duration.ofNanos(System.nanoTime() - start).toSeconds(), DEBIAN_TAR);
    } else {
      System.out.printf("BuildIT: Debian base image from the cache %s (%d MiB)%n", DEBIAN_TAR, Files.size(DEBIAN_TAR) >> 20);
    }
    long start = System.nanoTime();
    Shell.run(BerthStack.REPO, BerthStack.env(), Duration.ofMinutes(5),
        List.of("docker", "import", DEBIAN_TAR.toString(), DEBIAN)).assertOk();
    System.out.printf("BuildIT: docker import of the Debian base took %d ms%n",
        Duration.ofNanos(System.nanoTime() - start).toMillis());
  }

  // ---------------------------------------------------------------- multi-stage, --target, --build-arg

  @Test
  void multiStageFinalImageHoldsOnlyWhatItCopiedTargetStopsAtAStageBuildArgChangesARun() throws IOException {
    Path ctx = context("multi-stage", Map.of("Dockerfile", """
        FROM busybox AS builder
        ARG GREETING=hello
        RUN mkdir /out && echo "$GREETING from stage one" > /out/greeting && echo junk > /junk-in-builder
        FROM scratch AS final
        COPY --from=builder /bin/busybox /busybox
        COPY --from=builder /out/ /
        CMD ["/busybox", "cat", "/greeting"]
        """));
    build(ctx, Duration.ofMinutes(5), "-t", "multi:final", ".");
    assertEquals("hello from stage one\n", BerthStack.docker("run", "--rm", "multi:final").assertOk().stdout());
    // From scratch: the two copied files are all there is (the runtime adds its mount points).
    Set<String> root = new TreeSet<>(Arrays.asList(
        BerthStack.docker("run", "--rm", "multi:final", "/busybox", "ls", "-A", "/").assertOk().stdout().split("\\s+")));
    root.removeAll(Set.of("dev", "proc", "sys", "etc"));
    assertEquals(Set.of("busybox", "greeting"), root);
    assertEquals("2", BerthStack.docker("image", "inspect", "-f", "{{len .RootFS.Layers}}", "multi:final").assertOk().stdout().trim());

    Shell.Result target = build(ctx, Duration.ofMinutes(5), "--target", "builder", "-t", "multi:builder", ".");
    assertFalse(target.stdout().contains("COPY --from"), "stages after the target are not built:\n" + target.stdout());
    assertEquals("junk\n", BerthStack.docker("run", "--rm", "multi:builder", "cat", "/junk-in-builder").assertOk().stdout());

    build(ctx, Duration.ofMinutes(5), "--build-arg", "GREETING=bonjour", "-t", "multi:bonjour", ".");
    assertEquals("bonjour from stage one\n", BerthStack.docker("run", "--rm", "multi:bonjour").assertOk().stdout());
  }

  // ---------------------------------------------------------------- .dockerignore, stdin, -f, --label, several -t

  @Test
  void dockerignoreKeepsFilesOutOfTheContext() throws IOException {
    Path ctx = context("ignore", Map.of(
        "Dockerfile", "FROM busybox\nCOPY . /ctx/\n",
        ".dockerignore", "secret.txt\n*.log\n!keep.log\n",
        "secret.txt", "do not ship\n", "debug.log", "noise\n", "keep.log", "kept\n", "visible.txt", "shipped\n"));
    build(ctx, Duration.ofMinutes(5), "-t", "ignore-test", ".");
    Set<String> files = new TreeSet<>(Arrays.asList(
        BerthStack.docker("run", "--rm", "ignore-test", "ls", "-A", "/ctx").assertOk().stdout().split("\\s+")));
    assertEquals(new TreeSet<>(List.of(".dockerignore", "Dockerfile", "keep.log", "visible.txt")), files);
  }

  @Test
  void buildFromStdinWithFileLabelsAndSeveralTags() throws IOException {
    Path ctx = context("stdin", Map.of("Dockerfile", "FROM busybox\nRUN echo from-stdin > /where\nLABEL via=stdin\n"));
    Shell.Result stdin = Shell.sh(ctx, buildEnv(), Duration.ofMinutes(5), "docker build -t from-stdin - < Dockerfile");
    stdin.assertOk();
    assertEquals("from-stdin\n", BerthStack.docker("run", "--rm", "from-stdin", "cat", "/where").assertOk().stdout());

    Path other = context("custom-file", Map.of(
        "docker/Custom.Dockerfile", "FROM busybox\nCOPY --chown=app:staff data.txt /data.txt\n", "data.txt", "custom\n"));
    build(other, Duration.ofMinutes(5), "-f", "docker/Custom.Dockerfile", "--label", "team=berth",
        "-t", "custom:v1", "-t", "custom:v2", ".");
    String v1 = BerthStack.docker("image", "inspect", "-f", "{{.Id}}", "custom:v1").assertOk().stdout().trim();
    assertEquals(v1, BerthStack.docker("image", "inspect", "-f", "{{.Id}}", "custom:v2").assertOk().stdout().trim());
    assertEquals("berth", BerthStack.docker("image", "inspect", "-f", "{{index .Config.Labels \"team\"}}", "custom:v2")
        .assertOk().stdout().trim());
    assertEquals("custom\n", BerthStack.docker("run", "--rm", "custom:v1", "cat", "/data.txt").assertOk().stdout());
    // --chown names are looked up in the image's own /etc/passwd and /etc/group.
    assertEquals("1000:50\n", BerthStack.docker("run", "--rm", "custom:v1", "stat", "-c", "%u:%g", "/data.txt").assertOk().stdout());
  }

  // ---------------------------------------------------------------- failures leave nothing behind

  @Test
  void syntaxErrorNamesTheLineAndLeavesNothingBehind() throws IOException {
    Path ctx = context("syntax-error", Map.of("Dockerfile", "FROM busybox\nRUN echo fine\nFOO bar\n"));
    Set<String> before = allContainers();
    Shell.Result r = build(ctx, Duration.ofMinutes(5), false, "-t", "broken-syntax", ".");
    assertNotEquals(0, r.exitCode(), r.stdout());
    String all = r.stdout() + r.stderr();
    assertTrue(all.contains("line 3"), all);
    assertTrue(all.toLowerCase().contains("unknown instruction: foo"), all);
    assertNotEquals(0, BerthStack.docker("image", "inspect", "broken-syntax").exitCode(), "no image tagged");
    assertEquals(before, allContainers());
  }

  @Test
  void failingRunReportsItsCommandAndExitCodeAndLeavesNothingBehind() throws IOException {
    Path ctx = context("failing-run", Map.of("Dockerfile",
        "FROM busybox\nRUN echo step one > /one\nRUN echo about to fail && exit 3\nRUN echo never\n"));
    Set<String> before = allContainers();
    Shell.Result r = build(ctx, Duration.ofMinutes(5), false, "-t", "broken-run", ".");
    assertNotEquals(0, r.exitCode(), r.stdout());
    String all = r.stdout() + r.stderr();
    assertTrue(all.contains("about to fail"), "the command's output is shown:\n" + all);
    assertTrue(all.contains("echo about to fail && exit 3"), all);
    assertTrue(all.contains("returned a non-zero code: 3"), all);
    assertFalse(r.stdout().contains("never"), all);
    assertNotEquals(0, BerthStack.docker("image", "inspect", "broken-run").exitCode(), "no image tagged");
    assertEquals(before, allContainers(), "no intermediate containers left");
  }

  // ---------------------------------------------------------------- helpers

  static Map<String, String> buildEnv() {
    Map<String, String> env = new HashMap<>(BerthStack.env());
    env.put("DOCKER_BUILDKIT", "0"); // the legacy builder: POST /build
    return env;
  }

  static Shell.Result build(Path ctx, Duration timeout, String... args) {
    return build(ctx, timeout, true, args);
  }

  static Shell.Result build(Path ctx, Duration timeout, boolean mustSucceed, String... args) {
    List<String> cmd = new ArrayList<>(List.of("docker", "build"));
    cmd.addAll(List.of(args));
    Shell.Result r = Shell.run(ctx, buildEnv(), timeout, cmd);
    return mustSucceed ? r.assertOk() : r;
  }

  static Path context(String name, Map<String, String> files) throws IOException {
    Path dir = CONTEXTS.resolve(name);
    if (Files.exists(dir)) {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    for (var f : files.entrySet()) {
      Path file = dir.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue());
    }
    return dir;
  }

  /** The short id of "Successfully built <id>". */
  static String builtId(Shell.Result r) {
    Matcher m = BUILT.matcher(r.stdout());
    assertTrue(m.find(), r.stdout());
    return m.group(1);
  }

  /** Each step's instruction, in order, and whether the build took it from the cache. */
  static Map<String, Boolean> cachedSteps(String output) {
    Map<String, Boolean> steps = new java.util.LinkedHashMap<>();
    Matcher m = STEP.matcher(output);
    List<int[]> bounds = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (m.find()) {
      bounds.add(new int[] {m.start(), m.end()});
      names.add(m.group(3));
    }
    for (int i = 0; i < names.size(); i++) {
      int end = i + 1 < bounds.size() ? bounds.get(i + 1)[0] : output.length();
      steps.put(names.get(i), output.substring(bounds.get(i)[1], end).contains(" ---> Using cache"));
    }
    return steps;
  }

  private static int indexOf(List<Map.Entry<String, Boolean>> steps, String prefix) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).getKey().startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no step " + prefix + " in " + steps);
  }

  static Set<String> allContainers() {
    return new TreeSet<>(Arrays.asList(BerthStack.docker("ps", "-aq", "--no-trunc").assertOk().stdout().split("\\s+")));
  }
}
