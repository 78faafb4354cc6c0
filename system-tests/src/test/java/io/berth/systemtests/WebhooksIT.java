package io.berth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks with the real stack and the real docker CLI: a receiver in the test gets signed
 * CloudEvents for `docker run` in order, catches up after being down, and loses nothing when the
 * api-gateway is killed (SIGKILL) while deliveries are queued.
 */
class WebhooksIT {
  static final List<String> RUN_TYPES = List.of(
      "io.berth.container.created.v1", "io.berth.container.started.v1",
      "io.berth.container.died.v1", "io.berth.container.removed.v1");
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(150);
  static final Pattern SUBJECT = Pattern.compile("\"subject\":\"([0-9a-f]{64})\"");
  static final Pattern TYPE = Pattern.compile("\"type\":\"([a-z0-9.]+)\"");

  static SignedReceiver receiver;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void setUp() throws Exception {
    BerthStack.ensureUp();
    Path tar = BerthStack.HOME.getParent().resolve("busybox-rootfs-webhooks.tar");
    Shell.run(BerthStack.REPO, Map.of(), Duration.ofMinutes(1),
        List.of("sh", BerthStack.REPO.resolve("scripts/busybox-rootfs.sh").toString(), tar.toString())).assertOk();
    BerthStack.docker("import", tar.toString(), "bb:webhooks").assertOk();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    receiver = new SignedReceiver(port);
    receiver.up();
    String body = "{\"url\":\"" + receiver.url("/berth") + "\",\"eventTypes\":[\"io.berth.container.*\"],"
        + "\"labels\":{\"berth.test\":\"webhooks\"}}";
    // Over TCP, as an integration would: the listener wants a token (the admin's, from BERTH_HOME).
    HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:2375/berth/v1/webhooks"))
        .header("Authorization", "Bearer " + BerthStack.adminToken())
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(201, created.statusCode(), created.body());
    Matcher secret = Pattern.compile("\"secret\":\"([^\"]+)\"").matcher(created.body());
    assertTrue(secret.find(), created.body());
    receiver.secret(secret.group(1));
  }

  @AfterAll
  static void tearDown() {
    if (receiver != null) {
      receiver.down();
    }
  }

  static String run(String name, String... command) {
    List<String> args = new ArrayList<>(List.of("run", "--name", name, "--label", "berth.test=webhooks", "bb:webhooks"));
    args.addAll(List.of(command));
    BerthStack.docker(args.toArray(String[]::new)).assertOk();
    String id = BerthStack.docker("inspect", "-f", "{{.Id}}", name).assertOk().stdout().trim();
    BerthStack.docker("rm", name).assertOk();
    return id;
  }

  /** The distinct event types received for {@code containerId}, in order of first arrival. */
  static List<String> typesFor(String containerId) {
    Map<String, String> byId = new LinkedHashMap<>();
    for (SignedReceiver.Delivery d : receiver.verified()) {
      Matcher subject = SUBJECT.matcher(d.json());
      Matcher type = TYPE.matcher(d.json());
      if (subject.find() && subject.group(1).equals(containerId) && type.find()) {
        byId.putIfAbsent(d.webhookId(), type.group(1));
      }
    }
    return new ArrayList<>(byId.values());
  }

  static void awaitAll(List<String> ids) {
    Awaitility.await().atMost(DEFAULT_WAIT).pollInterval(Duration.ofMillis(500))
        .until(() -> ids.stream().allMatch(id -> typesFor(id).size() >= RUN_TYPES.size()));
    for (String id : ids) {
      assertEquals(RUN_TYPES, typesFor(id), "events of " + id + " in order, none missing");
    }
  }

  @Test
  void dockerRunIsDeliveredSignedAndInOrder() {
    String id = run("wh-run", "true");
    awaitAll(List.of(id));
    assertEquals(0, receiver.rejected(), "every delivery verified");
  }

  @Test
  void aReceiverThatWasDownGetsEverythingAfterItReturns() throws Exception {
    receiver.down();
    List<String> ids = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        ids.add(run("wh-down-" + i, "true"));
      }
      Thread.sleep(5_000); // a few failed attempts while it is down
    } finally {
      receiver.up();
    }
    awaitAll(ids);
  }

  @Test
  void aKilledGatewayLosesNothing() throws Exception {
    receiver.delay(Duration.ofMillis(300)); // keeps deliveries queued when the gateway dies
    List<String> ids = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        ids.add(run("wh-kill-" + i, "true"));
      }
      long gateway = BerthStack.pidOf("api-gateway");
      Shell.sh(BerthStack.REPO, BerthStack.env(), Duration.ofSeconds(10), "kill -9 " + gateway).assertOk();
      Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
          .until(() -> BerthStack.pidOf("api-gateway") != gateway
              && BerthStack.berth(Duration.ofSeconds(30), "status").exitCode() == 0);
      ids.add(run("wh-kill-after", "true"));
    } finally {
      receiver.delay(Duration.ZERO);
    }
    awaitAll(ids);
  }
}
