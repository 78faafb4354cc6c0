package io.berth.network.network;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The network API and the internal sandbox API against real PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class NetworkResourceTest {

  static String containerId() {
    return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
  }

  static String create(String body) {
    return given().body(body).post("/networks/create").then().statusCode(201).extract().path("Id");
  }

  static Response start(String id, String name, String hostConfig) {
    String body = "{\"containerId\":\"" + id + "\",\"name\":\"" + name + "\",\"config\":{},\"hostConfig\":" + hostConfig
        + ",\"networkingConfig\":{}}";
    return given().contentType("application/json").body(body).post("/internal/sandboxes");
  }

  @Test
  void defaultBridgeExistsAndCannotBeRemoved() {
    given().get("/networks/bridge").then().statusCode(200)
        .body("Driver", equalTo("bridge"))
        .body("Options.'com.docker.network.bridge.name'", equalTo("berth0"));
    given().delete("/networks/bridge").then().statusCode(403);
  }

  @Test
  void createInspectListFilterRemove() {
    String id = create("{\"Name\":\"crud\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.77.0.0/24\",\"Gateway\":\"10.77.0.254\","
        + "\"IPRange\":\"10.77.0.128/25\"}]},\"Labels\":{\"team\":\"a\"},\"Internal\":true}");
    given().get("/networks/crud").then().statusCode(200)
        .body("Id", equalTo(id))
        .body("IPAM.Config[0].Subnet", equalTo("10.77.0.0/24"))
        .body("IPAM.Config[0].Gateway", equalTo("10.77.0.254"))
        .body("IPAM.Config[0].IPRange", equalTo("10.77.0.128/25"))
        .body("Internal", equalTo(true))
        .body("Labels.team", equalTo("a"));
    given().get("/networks/" + id.substring(0, 10)).then().statusCode(200).body("Name", equalTo("crud"));
    given().queryParam("filters", "{\"label\":{\"team=a\":true}}").get("/networks").then().statusCode(200)
        .body("Name", hasItem("crud")).body("Name", not(hasItem("bridge")));
    given().queryParam("filters", "{\"name\":{\"nomatch\":true}}").get("/networks").then().body("Name", not(hasItem("crud")));
    given().body("{\"Name\":\"crud\"}").post("/networks/create").then().statusCode(409)
        .body("message", equalTo("network with name crud already exists"));
    given().delete("/networks/crud").then().statusCode(204);
    given().get("/networks/crud").then().statusCode(404).body("message", equalTo("network crud not found"));
  }

  @Test
  void overlappingSubnetsAreRefused() {
    create("{\"Name\":\"ov1\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.88.0.0/16\"}]}}");
    given().body("{\"Name\":\"ov2\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.88.4.0/24\"}]}}").post("/networks/create")
        .then().statusCode(403).body("message", containsString("overlaps"));
    given().body("{\"Name\":\"ov3\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.89.0.0/16\",\"Gateway\":\"10.90.0.1\"}]}}")
        .post("/networks/create").then().statusCode(403);
    given().delete("/networks/ov1").then().statusCode(204);
  }

  @Test
  void automaticSubnetsNeverOverlap() {
    List<String> subnets = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      create("{\"Name\":\"auto" + i + "\"}");
      subnets.add(given().get("/networks/auto" + i).then().extract().path("IPAM.Config[0].Subnet"));
    }
    assertEquals(3, new HashSet<>(subnets).size(), subnets.toString());
    for (int i = 0; i < 3; i++) {
      given().delete("/networks/auto" + i).then().statusCode(204);
    }
  }

  @Test
  void concurrentStartsNeverShareAnAddressAndReleaseFreesThemAll() throws Exception {
    create("{\"Name\":\"busy\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.66.0.0/24\"}]}}");
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<String> ids = new ArrayList<>();
    List<Future<String>> ips = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String id = containerId();
      String name = "c" + i;
      ids.add(id);
      ips.add(pool.submit(() -> start(id, name, "{\"NetworkMode\":\"busy\"}").then().statusCode(200)
          .extract().path("network.endpoints[0].ipAddress")));
    }
    Set<String> distinct = new HashSet<>();
    for (Future<String> f : ips) {
      String ip = f.get();
      assertTrue(ip.startsWith("10.66.0."), ip);
      assertFalse(ip.equals("10.66.0.1"), "gateway handed out");
      assertTrue(distinct.add(ip), "address handed out twice: " + ip);
    }
    assertEquals(50, (int) given().get("/networks/busy").then().extract().path("Containers.size()"));
    given().delete("/networks/busy").then().statusCode(409).body("message", containsString("active endpoints"));
    List<Future<Integer>> releases = new ArrayList<>();
    for (String id : ids) {
      releases.add(pool.submit(() -> given().delete("/internal/sandboxes/" + id).then().extract().statusCode()));
    }
    for (Future<Integer> f : releases) {
      assertEquals(204, f.get());
    }
    pool.shutdown();
    assertEquals(0, (int) given().get("/networks/busy").then().extract().path("Containers.size()"));
    given().delete("/networks/busy").then().statusCode(204);
  }

  @Test
  void aHostPortIsGivenOnceAndFreedOnRelease() {
    String first = containerId();
    String second = containerId();
    String ports = "{\"NetworkMode\":\"default\",\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"18931\"}]}}";
    start(first, "p1", ports).then().statusCode(200)
        .body("settings.Ports.'80/tcp'[0].HostPort", equalTo("18931"))
        .body("settings.Networks.bridge.IPAddress", equalTo(given().get("/networks/bridge").then().extract()
            .path("Containers." + first + ".IPv4Address").toString().replaceAll("/.*", "")))
        .body("network.ports[0].containerPort", equalTo(80));
    start(second, "p2", ports).then().statusCode(409).body("message", containsString("port is already allocated"));
    // nothing of the refused start stays allocated
    given().get("/networks/bridge").then().body("Containers", not(org.hamcrest.Matchers.hasKey(second)));
    given().delete("/internal/sandboxes/" + first).then().statusCode(204);
    start(second, "p2", ports).then().statusCode(200);
    given().delete("/internal/sandboxes/" + second).then().statusCode(204);
  }

  @Test
  void aPortSomeoneElseListensOnIsRefused() throws Exception {
    try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      String hc = "{\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"" + busy.getLocalPort() + "\"}]}}";
      start(containerId(), "taken", hc).then().statusCode(409).body("message", containsString("port is already allocated"));
    }
  }

  @Test
  void publishAllGivesEphemeralPortsAndNoneModeHasNoEndpoint() {
    String id = containerId();
    String body = "{\"containerId\":\"" + id + "\",\"name\":\"pa\",\"config\":{\"ExposedPorts\":{\"8080/tcp\":{}}},"
        + "\"hostConfig\":{\"PublishAllPorts\":true},\"networkingConfig\":{}}";
    int port = Integer.parseInt(given().contentType("application/json").body(body).post("/internal/sandboxes")
        .then().statusCode(200).extract().path("settings.Ports.'8080/tcp'[0].HostPort"));
    assertTrue(port >= 49153 && port <= 60999, "port " + port);
    given().delete("/internal/sandboxes/" + id).then().statusCode(204);
    start(containerId(), "none", "{\"NetworkMode\":\"none\"}").then().statusCode(200)
        .body("network.mode", equalTo("none")).body("network.endpoints.size()", equalTo(0))
        .body("settings.Networks.none.IPAddress", equalTo(""));
  }

  @Test
  void userNetworkEndpointsCarryNamesForTheResolver() {
    create("{\"Name\":\"named\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.55.0.0/24\"}]}}");
    String id = containerId();
    String body = "{\"containerId\":\"" + id + "\",\"name\":\"web\",\"config\":{},\"hostConfig\":{\"NetworkMode\":\"named\"},"
        + "\"networkingConfig\":{\"EndpointsConfig\":{\"named\":{\"Aliases\":[\"www\"],\"IPAMConfig\":{\"IPv4Address\":\"10.55.0.77\"}}}}}";
    given().contentType("application/json").body(body).post("/internal/sandboxes").then().statusCode(200)
        .body("network.endpoints[0].ipAddress", equalTo("10.55.0.77"))
        .body("network.endpoints[0].aliases", hasItem("www"))
        .body("network.endpoints[0].aliases[0]", equalTo("web"))
        .body("network.endpoints[0].embeddedDns", equalTo(true))
        .body("network.endpoints[0].bridge", equalTo("berth-" + given().get("/networks/named").then().extract().path("Id").toString().substring(0, 9)));
    given().delete("/internal/sandboxes/" + id).then().statusCode(204);
    given().delete("/networks/named").then().statusCode(204);
  }
}
