package io.berth.network.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docker network connect/disconnect} of a running container, with a stand-in for
 * container-service and the node (plain HTTP, recording what it is asked) and real PostgreSQL
 * and Kafka behind network-service.
 */
@QuarkusTest
@TestProfile(ConnectRunningTest.StubProfile.class)
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class ConnectRunningTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int PORT = freePort();
  static final String ID = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
  static final List<String> CALLS = new CopyOnWriteArrayList<>();
  static volatile int nodeStatus = 204;
  static HttpServer stub;

  public static class StubProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("berth.container-service.url", "http://127.0.0.1:" + PORT);
    }
  }

  static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeAll
  static void startStub() throws IOException {
    stub = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
    stub.createContext("/", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = ex.getRequestURI().getPath();
      CALLS.add(ex.getRequestMethod() + " " + path + " " + body);
      int status = 204;
      String answer = "";
      if (path.equals("/containers/runner/json") || path.equals("/containers/" + ID + "/json")) {
        status = 200;
        answer = "{\"Id\":\"" + ID + "\",\"Name\":\"/runner\",\"State\":{\"Running\":true},\"HostConfig\":{\"NetworkMode\":\"default\"}}";
      } else if (path.equals("/internal/containers/" + ID)) {
        status = 200;
        answer = "{\"id\":\"" + ID + "\",\"nodeAddress\":\"http://127.0.0.1:" + PORT + "\"}";
      } else if (path.startsWith("/internal/containers/" + ID + "/endpoints")) {
        status = nodeStatus;
        answer = status == 204 ? "" : "{\"message\":\"the node says no\"}";
      }
      byte[] out = answer.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, status == 204 ? -1 : out.length);
      if (status != 204) {
        ex.getResponseBody().write(out);
      }
      ex.close();
    });
    stub.start();
  }

  @AfterAll
  static void stopStub() {
    stub.stop(0);
  }

  static int endpointsOn(String network) {
    return given().get("/networks/" + network).then().statusCode(200).extract().path("Containers.size()");
  }

  static List<String> calls(String prefix) {
    return CALLS.stream().filter(c -> c.startsWith(prefix)).toList();
  }

  @Test
  void connectWiresOnTheNodeAndShowsInInspectAndDisconnectFreesTheAddress() throws Exception {
    given().body("{\"Name\":\"live\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.78.0.0/24\"}]}}").post("/networks/create").then().statusCode(201);
    // the container runs on the default bridge
    given().contentType("application/json").body("{\"containerId\":\"" + ID + "\",\"name\":\"runner\",\"config\":{},"
        + "\"hostConfig\":{},\"networkingConfig\":{}}").post("/internal/sandboxes").then().statusCode(200);

    nodeStatus = 409;
    given().body("{\"Container\":\"runner\"}").post("/networks/live/connect").then().statusCode(409)
        .body("message", containsString("the node says no"));
    assertEquals(0, endpointsOn("live"), "a connect the node refused keeps no address");

    nodeStatus = 204;
    CALLS.clear();
    given().body("{\"Container\":\"runner\",\"EndpointConfig\":{\"IPAMConfig\":{\"IPv4Address\":\"10.78.0.77\"},"
        + "\"Aliases\":[\"cli\"]}}").post("/networks/live/connect").then().statusCode(200);
    assertEquals(1, endpointsOn("live"));
    JsonNode wired = JSON.readTree(calls("POST /internal/containers/" + ID + "/endpoints").get(0).split(" ", 3)[2]);
    assertEquals("10.78.0.77", wired.path("ipAddress").asText());
    assertTrue(wired.path("aliases").toString().contains("cli") && wired.path("aliases").toString().contains("runner"), wired.toString());
    String shown = calls("PUT /internal/containers/" + ID + "/networks/live").get(0);
    assertTrue(shown.contains("\"IPAddress\":\"10.78.0.77\""), shown);

    given().body("{\"Container\":\"runner\"}").post("/networks/live/connect").then().statusCode(403)
        .body("message", containsString("already exists in network live"));

    CALLS.clear();
    given().body("{\"Container\":\"runner\"}").post("/networks/live/disconnect").then().statusCode(200);
    assertEquals(0, endpointsOn("live"), "the address is free again");
    String endpointId = wired.path("endpointId").asText();
    assertEquals(1, calls("DELETE /internal/containers/" + ID + "/endpoints/" + endpointId).size());
    assertEquals(1, calls("DELETE /internal/containers/" + ID + "/networks/live").size());
    given().body("{\"Container\":\"runner\"}").post("/networks/live/disconnect").then().statusCode(404)
        .body("message", containsString("is not connected to network live"));

    given().delete("/internal/sandboxes/" + ID).then().statusCode(204);
    given().delete("/networks/live").then().statusCode(204);
  }
}
