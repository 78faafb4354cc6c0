package io.berth.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The stack under test: one `./berth up -d` per test JVM, with its own BERTH_HOME under target/,
 * stopped with `./berth down` when the JVM ends.
 */
final class BerthStack {
  static final Path REPO = Path.of(System.getProperty("berth.repo", "..")).toAbsolutePath().normalize();
  static final Path HOME = Path.of(System.getProperty("berth.test.home", "target/berth-home")).toAbsolutePath();
  static final Path SOCKET = HOME.resolve("run/berth.sock");
  /** Every port the embedded stack listens on. */
  static final List<Integer> PORTS = List.of(9092, 9093, 55432, 2375, 5050, 8081, 8082, 8084);
  static final List<String> SERVICES =
      List.of("api-gateway", "image-service", "container-service", "network-service", "node-runtime");

  private static boolean up;

  private BerthStack() {}

  static Map<String, String> env() {
    return Map.of("BERTH_HOME", HOME.toString(), "DOCKER_HOST", "unix://" + SOCKET);
  }

  static synchronized void ensureUp() {
    if (up) {
      return;
    }
    berth(Duration.ofMinutes(6), "up", "-d").assertOk();
    up = true;
    Runtime.getRuntime().addShutdownHook(new Thread(BerthStack::downQuietly));
  }

  static synchronized Shell.Result down() {
    Shell.Result r = berth(Duration.ofMinutes(2), "down");
    up = false;
    return r;
  }

  private static void downQuietly() {
    if (up) {
      berth(Duration.ofMinutes(2), "down");
    }
  }

  static Shell.Result berth(Duration timeout, String... args) {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(REPO.resolve("berth").toString());
    cmd.addAll(List.of(args));
    return Shell.run(REPO, env(), timeout, cmd);
  }

  static Shell.Result docker(String... args) {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add("docker");
    cmd.addAll(List.of(args));
    return Shell.run(REPO, env(), Duration.ofMinutes(2), cmd);
  }

  /** The admin token the first start wrote (mode 0600) into BERTH_HOME. */
  static String adminToken() throws java.io.IOException {
    return Files.readString(HOME.resolve("admin-token")).strip();
  }

  /** HTTP Basic credentials for Berth's registry: any user, a token as password. */
  static String registryBasicAuth() throws java.io.IOException {
    return "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + adminToken()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static long pidOf(String component) throws java.io.IOException {
    return Long.parseLong(Files.readString(HOME.resolve("run/" + component + ".pid")).trim());
  }
}
