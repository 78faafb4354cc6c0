package io.berth.image;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The CNCF distribution registry (Debian's docker-registry, 2.8.2) on a free loopback port, for
 * interoperability tests; stopped (by its own pid) on close.
 */
public final class DistributionRegistry implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private final Process process;
  private final int port;

  private DistributionRegistry(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts one in a fresh temp dir. `./berth test` installs Debian's docker-registry; a missing
   * binary fails the test (a skipped interop test would hide a missing install step).
   */
  public static DistributionRegistry start() throws Exception {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " missing: apt-get install -y docker-registry (./berth test does)");
    }
    return start(Files.createTempDirectory("distribution"));
  }

  public static DistributionRegistry start(Path dir) throws Exception {
    return start(dir, "");
  }

  /**
   * One that wants HTTP basic auth (its htpasswd backend) for {@code user}; the bcrypt entry is
   * made with Python's crypt (libxcrypt), as no htpasswd tool is installed.
   */
  public static DistributionRegistry startWithBasicAuth(String user, String password) throws Exception {
    Path dir = Files.createTempDirectory("distribution-auth");
    Process p = new ProcessBuilder("python3", "-c",
        "import crypt,sys; print(sys.argv[1] + ':' + crypt.crypt(sys.argv[2], crypt.mksalt(crypt.METHOD_BLOWFISH)))",
        user, password).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String line = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0 || !line.contains(":$2")) {
      throw new IllegalStateException("could not make a bcrypt htpasswd entry: " + line);
    }
    Files.writeString(dir.resolve("htpasswd"), line + "\n");
    return start(dir, "auth:\n  htpasswd:\n    realm: berth-test\n    path: " + dir.resolve("htpasswd") + "\n");
  }

  private static DistributionRegistry start(Path dir, String extraConfig) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config = dir.resolve("config.yml");
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(config, "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: "
        + dir.resolve("data") + "\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:" + port + "\n" + extraConfig);
    Process p = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
    DistributionRegistry r = new DistributionRegistry(p, port);
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create("http://" + r.address() + "/v2/")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() / 100 != 5) { // 200, or 401 with auth
          return r;
        }
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    r.close();
    throw new IllegalStateException("docker-registry did not start; see " + dir.resolve("registry.log"));
  }

  public String address() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
