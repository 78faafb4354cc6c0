package io.berth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Networking as a Docker user sees it: published ports reachable on 127.0.0.1, name resolution
 * on user-defined networks, isolation between networks, port conflicts, IPAM under concurrency.
 * Traffic goes only to 127.0.0.1 and to the containers' own addresses.
 */
class NetworkIT {
  static final String PAGE = "hello from berth";
  static final String HTTPD = "mkdir -p /www && echo '" + PAGE + "' > /www/index.html && exec httpd -f -p 8080 -h /www";
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void busyboxImage() {
    BerthStack.ensureUp();
    Path tar = BerthStack.HOME.getParent().resolve("busybox-rootfs.tar");
    Shell.run(BerthStack.REPO, Map.of(), Duration.ofMinutes(1),
        List.of("sh", BerthStack.REPO.resolve("scripts/busybox-rootfs.sh").toString(), tar.toString())).assertOk();
    BerthStack.docker("import", tar.toString(), "busybox").assertOk();
  }

  static String get(int port) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(3)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  static String awaitPage(int port) throws Exception {
    Instant deadline = Instant.now().plusSeconds(20);
    while (true) {
      try {
        return get(port);
      } catch (IOException e) {
        if (Instant.now().isAfter(deadline)) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  static void awaitRefused(int port) throws Exception {
    Instant deadline = Instant.now().plusSeconds(20);
    while (true) {
      try {
        get(port);
      } catch (ConnectException e) {
        return;
      } catch (IOException e) {
        // a reset or timeout while the rules change: try again
      }
      assertTrue(Instant.now().isBefore(deadline), "port " + port + " still answers");
      Thread.sleep(200);
    }
  }

  /** Endpoints are released when network-service consumes the container's exit or removal. */
  static void awaitNoEndpoints(String network) {
    Instant deadline = Instant.now().plusSeconds(30);
    String count;
    while (!(count = BerthStack.docker("network", "inspect", "-f", "{{len .Containers}}", network).assertOk().stdout().trim())
        .equals("0") && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    assertEquals("0", count, "every address on " + network + " is free again");
  }

  @Test
  void publishedPortServesTheHostOn127001AndIsFreedByRm() throws Exception {
    String id = BerthStack.docker("run", "-d", "--name", "pub", "-p", "18080:8080", "busybox", "sh", "-c", HTTPD)
        .assertOk().stdout().trim();
    assertEquals(PAGE + "\n", awaitPage(18080));

    assertEquals("8080/tcp -> 0.0.0.0:18080", BerthStack.docker("port", "pub").assertOk().stdout().trim());
    String ip = BerthStack.docker("inspect", "-f", "{{.NetworkSettings.IPAddress}}", "pub").assertOk().stdout().trim();
    String gateway = BerthStack.docker("inspect", "-f", "{{.NetworkSettings.Networks.bridge.Gateway}}", "pub").assertOk().stdout().trim();
    assertTrue(ip.matches("\\d+\\.\\d+\\.\\d+\\.\\d+") && !ip.equals(gateway), ip + " / " + gateway);
    String subnet = BerthStack.docker("network", "inspect", "-f", "{{(index .IPAM.Config 0).Subnet}}", "bridge").assertOk().stdout().trim();
    assertTrue(BerthStack.docker("network", "inspect", "-f", "{{json .Containers}}", "bridge").assertOk().stdout().contains(id));
    assertTrue(subnet.endsWith("/16"), subnet);
    // the container itself: its address answers too
    assertEquals(PAGE + "\n", HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    String ps = BerthStack.docker("ps", "--filter", "name=pub", "--format", "{{.Ports}}").assertOk().stdout().trim();
    assertEquals("0.0.0.0:18080->8080/tcp", ps);

    BerthStack.docker("rm", "-f", "pub").assertOk();
    awaitRefused(18080);
    Path netns = Path.of("/run/netns/berth-" + id.substring(0, 12));
    Instant gone = Instant.now().plusSeconds(20);
    while (Files.exists(netns) && Instant.now().isBefore(gone)) {
      Thread.sleep(100);
    }
    assertFalse(Files.exists(netns), "netns removed with the container");
    // the port is free again
    BerthStack.docker("run", "-d", "--name", "pub2", "-p", "18080:8080", "busybox", "sh", "-c", HTTPD).assertOk();
    assertEquals(PAGE + "\n", awaitPage(18080));
    BerthStack.docker("rm", "-f", "pub2").assertOk();
  }

  @Test
  void theSameHostPortTwiceFailsAndTheFirstKeepsWorking() throws Exception {
    BerthStack.docker("run", "-d", "--name", "first", "-p", "127.0.0.1:18081:8080", "busybox", "sh", "-c", HTTPD).assertOk();
    assertEquals(PAGE + "\n", awaitPage(18081));
    Shell.Result second = BerthStack.docker("run", "-d", "--name", "second", "-p", "127.0.0.1:18081:8080", "busybox", "sh", "-c", HTTPD);
    assertNotEquals(0, second.exitCode());
    assertTrue(second.stderr().contains("port is already allocated"), second.stderr());
    assertEquals("created", BerthStack.docker("inspect", "-f", "{{.State.Status}}", "second").assertOk().stdout().trim(),
        "the refused container did not start half-wired");
    assertEquals(PAGE + "\n", get(18081));
    BerthStack.docker("rm", "-f", "first", "second").assertOk();
  }

  @Test
  void containersOnAUserNetworkReachEachOtherByNameAndOtherNetworksCannot() throws Exception {
    BerthStack.docker("network", "create", "app").assertOk();
    BerthStack.docker("network", "create", "other").assertOk();
    try {
      BerthStack.docker("run", "-d", "--name", "web", "--network", "app", "--network-alias", "www", "busybox", "sh", "-c", HTTPD).assertOk();
      String webIp = BerthStack.docker("inspect", "-f", "{{.NetworkSettings.Networks.app.IPAddress}}", "web").assertOk().stdout().trim();
      assertTrue(webIp.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), webIp);
      String wget = "for i in 1 2 3 4 5 6 7 8 9 10; do timeout 3 wget -qO- http://%s:8080/ && exit 0; sleep 0.5; done; exit 1";
      Shell.Result byName = BerthStack.docker("run", "--rm", "--network", "app", "busybox", "sh", "-c", String.format(wget, "web"));
      assertEquals(0, byName.exitCode(), byName.stderr());
      assertEquals(PAGE + "\n", byName.stdout());
      Shell.Result byAlias = BerthStack.docker("run", "--rm", "--network", "app", "busybox", "sh", "-c", String.format(wget, "www"));
      assertEquals(PAGE + "\n", byAlias.stdout(), byAlias.stderr());

      Shell.Result fromOther = BerthStack.docker("run", "--rm", "--network", "other", "busybox", "sh", "-c",
          "timeout 3 wget -qO- http://" + webIp + ":8080/; exit $?");
      assertNotEquals(0, fromOther.exitCode(), "another network must not reach " + webIp + ": " + fromOther.stdout());

      Shell.Result rmInUse = BerthStack.docker("network", "rm", "app");
      assertNotEquals(0, rmInUse.exitCode());
      assertTrue(rmInUse.stderr().contains("has active endpoints"), rmInUse.stderr());

      Shell.Result none = BerthStack.docker("run", "--rm", "--network", "none", "busybox", "ls", "/sys/class/net");
      assertEquals("lo\n", none.stdout(), none.stderr());

      Shell.Result files = BerthStack.docker("run", "--rm", "--network", "app", "--add-host", "db.local:10.1.2.3",
          "--hostname", "box", "busybox", "sh", "-c", "cat /etc/hostname; grep db.local /etc/hosts; grep nameserver /etc/resolv.conf");
      String gateway = BerthStack.docker("network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", "app").assertOk().stdout().trim();
      assertEquals("box\n10.1.2.3\tdb.local\nnameserver " + gateway + "\n", files.stdout(), files.stderr());
    } finally {
      BerthStack.docker("rm", "-f", "web");
      awaitNoEndpoints("app");
      BerthStack.docker("network", "rm", "app", "other");
    }
    assertFalse(BerthStack.docker("network", "ls", "--format", "{{.Name}}").assertOk().stdout().contains("app"));
  }

  @Test
  void fiftyContainersStartedAndRemovedConcurrentlyNeverShareAnAddress() throws Exception {
    BerthStack.docker("network", "create", "--subnet", "10.231.0.0/24", "fifty").assertOk();
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      List<Future<Shell.Result>> runs = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String name = "f" + i;
        runs.add(pool.submit(() -> BerthStack.docker("run", "-d", "--name", name, "--network", "fifty", "busybox", "sleep", "300")));
      }
      for (Future<Shell.Result> r : runs) {
        r.get().assertOk();
      }
      List<String> names = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        names.add("f" + i);
      }
      List<String> args = new ArrayList<>(List.of("inspect", "-f", "{{.NetworkSettings.Networks.fifty.IPAddress}}"));
      args.addAll(names);
      List<String> ips = BerthStack.docker(args.toArray(String[]::new)).assertOk().stdout().lines().toList();
      assertEquals(50, ips.size());
      Set<String> distinct = new HashSet<>(ips);
      assertEquals(50, distinct.size(), "an address was handed out twice: " + ips);
      assertTrue(ips.stream().allMatch(ip -> ip.startsWith("10.231.0.")), ips.toString());

      List<Future<Shell.Result>> removals = new ArrayList<>();
      for (String name : names) {
        removals.add(pool.submit(() -> BerthStack.docker("rm", "-f", name)));
      }
      for (Future<Shell.Result> r : removals) {
        r.get().assertOk();
      }
    } finally {
      pool.shutdown();
    }
    awaitNoEndpoints("fifty");
    BerthStack.docker("network", "rm", "fifty").assertOk();
    // The node unwires each container once it has died: give 50 of them time on a loaded machine.
    Instant deadline = Instant.now().plusSeconds(120);
    List<String> left;
    while (!(left = berthNetns()).isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
    }
    assertEquals(List.of(), left, "no network namespace left once every container is gone");
  }

  @Test
  void aRunningContainerIsConnectedAndDisconnectedAndTheResolverAnswersOverTcp() throws Exception {
    BerthStack.docker("network", "create", "conn").assertOk();
    try {
      BerthStack.docker("run", "-d", "--name", "cweb", "--network", "conn", "busybox", "sh", "-c", HTTPD).assertOk();
      String client = BerthStack.docker("run", "-d", "--name", "cclient", "busybox", "sleep", "300").assertOk().stdout().trim();
      String wget = "for i in 1 2 3 4 5 6; do timeout 3 wget -qO- http://cweb:8080/ && exit 0; sleep 0.5; done; exit 1";
      assertNotEquals(0, BerthStack.docker("exec", "cclient", "sh", "-c", "timeout 3 wget -qO- http://cweb:8080/; exit $?").exitCode(),
          "not on conn yet");

      BerthStack.docker("network", "connect", "--alias", "cli", "conn", "cclient").assertOk();
      String ip = BerthStack.docker("inspect", "-f", "{{.NetworkSettings.Networks.conn.IPAddress}}", "cclient").assertOk().stdout().trim();
      assertTrue(ip.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), ip);
      String endpoint = BerthStack.docker("inspect", "-f", "{{.NetworkSettings.Networks.conn.EndpointID}}", "cclient").assertOk().stdout().trim();
      assertTrue(Files.exists(Path.of("/sys/class/net/bv" + endpoint.substring(0, 12))), "veth of the new endpoint");
      assertTrue(BerthStack.docker("network", "inspect", "-f", "{{json .Containers}}", "conn").assertOk().stdout().contains(client));
      Shell.Result byName = BerthStack.docker("exec", "cclient", "sh", "-c", wget);
      assertEquals(PAGE + "\n", byName.stdout(), byName.stderr());
      Shell.Result byAlias = BerthStack.docker("exec", "cweb", "ping", "-c", "1", "-W", "3", "cli");
      assertEquals(0, byAlias.exitCode(), byAlias.stdout() + byAlias.stderr());
      assertTrue(BerthStack.docker("exec", "cclient", "cat", "/etc/hosts").assertOk().stdout().contains(ip + "\t"),
          "the new address is in /etc/hosts");

      // Docker's resolver answers over TCP too: ask conn's resolver (on its gateway) for cweb.
      String gateway = BerthStack.docker("network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", "conn").assertOk().stdout().trim();
      String webIp = BerthStack.docker("inspect", "-f", "{{.NetworkSettings.Networks.conn.IPAddress}}", "cweb").assertOk().stdout().trim();
      assertEquals(webIp, dnsOverTcp(gateway, "cweb"));

      BerthStack.docker("network", "disconnect", "conn", "cclient").assertOk();
      assertFalse(Files.exists(Path.of("/sys/class/net/bv" + endpoint.substring(0, 12))), "no veth left behind");
      assertEquals("", BerthStack.docker("inspect", "-f", "{{.NetworkSettings.Networks.conn}}", "cclient").assertOk().stdout().trim()
          .replace("<no value>", ""));
      assertFalse(BerthStack.docker("network", "inspect", "-f", "{{json .Containers}}", "conn").assertOk().stdout().contains(client));
      assertNotEquals(0, BerthStack.docker("exec", "cclient", "sh", "-c", "timeout 3 wget -qO- http://" + webIp + ":8080/; exit $?")
          .exitCode(), "unreachable after disconnect");
      assertFalse(BerthStack.docker("exec", "cclient", "cat", "/etc/hosts").assertOk().stdout().contains(ip + "\t"));
      Shell.Result again = BerthStack.docker("network", "disconnect", "conn", "cclient");
      assertNotEquals(0, again.exitCode());
      assertTrue(again.stderr().contains("is not connected"), again.stderr());
    } finally {
      BerthStack.docker("rm", "-f", "cweb", "cclient");
      awaitNoEndpoints("conn");
      BerthStack.docker("network", "rm", "conn");
    }
  }

  /** The first A record for {@code name} from the resolver at {@code server}, asked over TCP. */
  static String dnsOverTcp(String server, String name) throws IOException {
    java.io.ByteArrayOutputStream q = new java.io.ByteArrayOutputStream();
    q.writeBytes(new byte[] {0x4b, 0x17, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
    for (String label : name.split("\\.")) {
      q.write(label.length());
      q.writeBytes(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    q.writeBytes(new byte[] {0, 0, 1, 0, 1});
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress(server, 53), 3000);
      s.setSoTimeout(5000);
      java.io.DataOutputStream out = new java.io.DataOutputStream(s.getOutputStream());
      out.writeShort(q.size());
      out.write(q.toByteArray());
      out.flush();
      java.io.DataInputStream in = new java.io.DataInputStream(s.getInputStream());
      byte[] reply = in.readNBytes(in.readUnsignedShort());
      assertEquals(0x4b, reply[0], "the answer to our query");
      assertTrue(((reply[6] & 0xFF) << 8 | (reply[7] & 0xFF)) > 0, "an answer record");
      // Berth's answer: the question, then A records of 16 bytes each; the last 4 bytes are an address.
      return (reply[reply.length - 4] & 0xFF) + "." + (reply[reply.length - 3] & 0xFF) + "."
          + (reply[reply.length - 2] & 0xFF) + "." + (reply[reply.length - 1] & 0xFF);
    }
  }

  static List<String> berthNetns() throws IOException {
    try (Stream<Path> netns = Files.list(Path.of("/run/netns"))) {
      return netns.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("berth-")).toList();
    }
  }

  @Test
  void networkCommandsAndEventsLookLikeDockers() {
    Instant since = Instant.now().minusSeconds(1);
    BerthStack.docker("network", "create", "--label", "team=a", "--internal", "--subnet", "10.232.0.0/24",
        "--gateway", "10.232.0.254", "evt").assertOk();
    assertEquals("true 10.232.0.254", BerthStack.docker("network", "inspect", "-f",
        "{{.Internal}} {{(index .IPAM.Config 0).Gateway}}", "evt").assertOk().stdout().trim());
    assertEquals("evt", BerthStack.docker("network", "ls", "--filter", "label=team=a", "--format", "{{.Name}}").assertOk().stdout().trim());
    Shell.Result overlap = BerthStack.docker("network", "create", "--subnet", "10.232.0.128/25", "evt2");
    assertNotEquals(0, overlap.exitCode());
    assertTrue(overlap.stderr().contains("overlaps"), overlap.stderr());
    BerthStack.docker("run", "--rm", "--network", "evt", "busybox", "true").assertOk();
    awaitNoEndpoints("evt");
    assertTrue(BerthStack.docker("network", "prune", "-f").assertOk().stdout().contains("evt"));
    String events = BerthStack.docker("events", "--since", String.valueOf(since.getEpochSecond()),
        "--until", String.valueOf(Instant.now().plusSeconds(2).getEpochSecond()), "--filter", "type=network",
        "--format", "{{.Action}} {{.Actor.Attributes.name}}").assertOk().stdout();
    for (String expected : List.of("create evt", "connect evt", "disconnect evt", "destroy evt")) {
      assertTrue(events.contains(expected), expected + " missing in:\n" + events);
    }
  }
}
