package io.berth.network.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.inbox.IdempotentBatchConsumer;
import io.berth.events.CloudEvent;
import io.berth.events.EventCodec;
import io.berth.events.EventTypes;
import io.berth.events.Envelope;
import io.berth.events.EventData;
import io.berth.events.container.v1.ContainerDied;
import io.berth.events.container.v1.ContainerRemoved;
import io.berth.events.network.v1.EndpointConnected;
import io.berth.events.network.v1.EndpointDisconnected;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /internal/sandboxes} (the start path) and the release by container facts, against
 * real PostgreSQL: the rows, the facts in the outbox, conflicts leaving nothing behind, re-prepare
 * of the same container, and "only what was allocated before the fact" with its dedupe.
 */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class SandboxAllocationTest {
  @Inject Pool pool;
  @Inject ContainerFactsConsumer facts;
  @Inject SandboxStore store;

  static String newContainerId() {
    return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
  }

  static String request(String id, String name, String hostConfig) {
    return "{\"containerId\":\"" + id + "\",\"name\":\"" + name + "\",\"config\":{},\"hostConfig\":" + hostConfig
        + ",\"networkingConfig\":{}}";
  }

  static io.restassured.response.ValidatableResponse prepare(String id, String name, String hostConfig) {
    return given().contentType("application/json").body(request(id, name, hostConfig)).post("/internal/sandboxes").then();
  }

  List<Row> rows(String sql, Object... args) {
    List<Row> out = new ArrayList<>();
    pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(Duration.ofSeconds(10)).forEach(out::add);
    return out;
  }

  List<String> addresses(String containerId) {
    return rows("select ip_address from network.endpoints where container_id = $1 order by ip_address", containerId)
        .stream().map(r -> r.getString(0)).toList();
  }

  /** The decoded facts in the outbox about {@code endpointOrContainer}, in publication order. */
  List<CloudEvent<?>> outbox(String type, String containerId) {
    List<CloudEvent<?>> out = new ArrayList<>();
    for (Row r : rows("select id, type, source, subject, event_time, dataschema, content_type, payload from network.outbox"
        + " where type = $1 and payload like $2 order by sequence", type, "%" + containerId + "%")) {
      Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", r.getUUID("id").toString(),
          "ce_type", r.getString("type"), "ce_source", r.getString("source"), "ce_subject", r.getString("subject"),
          "ce_time", r.getOffsetDateTime("event_time").toInstant().toString(), "ce_dataschema", r.getString("dataschema"),
          "content-type", r.getString("content_type"));
      out.add(EventCodec.decode(headers, r.getString("payload").getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  static <T extends EventData> IdempotentBatchConsumer.Fact fact(T data, Instant at) {
    CloudEvent<T> e = Envelope.of("/test", data);
    CloudEvent<T> timed = new CloudEvent<>(e.id(), e.source(), e.type(), e.subject(), at, e.datacontenttype(),
        e.dataschema(), e.data());
    return new IdempotentBatchConsumer.Fact(timed, at);
  }

  void consume(IdempotentBatchConsumer.Fact... batch) {
    facts.apply(List.of(batch)).await().atMost(Duration.ofSeconds(10));
  }

  @Test
  void startAllocatesAndAnnouncesAndRePrepareReplacesTheSameContainersAllocation() {
    given().body("{\"Name\":\"alloc\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.79.0.0/24\"}]}}").post("/networks/create")
        .then().statusCode(201);
    String a = newContainerId();
    String b = newContainerId();
    prepare(a, "alpha", "{\"NetworkMode\":\"alloc\"}").statusCode(200)
        .body("network.endpoints[0].ipAddress", org.hamcrest.Matchers.equalTo("10.79.0.2"))
        .body("network.endpoints[0].aliases", org.hamcrest.Matchers.hasItems("alpha", a.substring(0, 12)))
        .body("settings.Networks.alloc.IPAddress", org.hamcrest.Matchers.equalTo("10.79.0.2"));
    prepare(b, "beta", "{\"NetworkMode\":\"alloc\"}").statusCode(200)
        .body("network.endpoints[0].ipAddress", org.hamcrest.Matchers.equalTo("10.79.0.3"));

    List<CloudEvent<?>> connected = outbox(EventTypes.ENDPOINT_CONNECTED.type(), a);
    assertEquals(1, connected.size());
    EndpointConnected c = (EndpointConnected) connected.get(0).data();
    assertEquals("alloc", c.networkName());
    assertEquals("10.79.0.2", c.ipAddress());
    assertEquals(c.networkId(), connected.get(0).subject());

    // The same container again (a restart): its previous address is released and announced, one endpoint stays.
    prepare(a, "alpha", "{\"NetworkMode\":\"alloc\"}").statusCode(200)
        .body("network.endpoints[0].ipAddress", org.hamcrest.Matchers.equalTo("10.79.0.2"));
    assertEquals(List.of("10.79.0.2"), addresses(a));
    List<CloudEvent<?>> disconnected = outbox(EventTypes.ENDPOINT_DISCONNECTED.type(), a);
    assertEquals(1, disconnected.size());
    EndpointDisconnected d = (EndpointDisconnected) disconnected.get(0).data();
    assertEquals(c.endpointId(), d.endpointId(), "the old endpoint is the one announced as gone");
    assertEquals("alloc", d.networkName());
    assertEquals("bridge", d.driver());
    assertEquals("10.79.0.2", d.ipAddress());
    assertEquals(a, d.containerId());
    assertEquals(c.networkId(), disconnected.get(0).subject());
    assertEquals(2, outbox(EventTypes.ENDPOINT_CONNECTED.type(), a).size());

    // Another mode gives everything back.
    prepare(a, "alpha", "{\"NetworkMode\":\"none\"}").statusCode(200);
    assertEquals(List.of(), addresses(a));
    given().delete("/internal/sandboxes/" + b).then().statusCode(204);
    assertEquals(List.of(), addresses(b));
    assertEquals(1, outbox(EventTypes.ENDPOINT_DISCONNECTED.type(), b).size());
    given().delete("/networks/alloc").then().statusCode(204);
  }

  @Test
  void everyStatementFitsThePreparedStatementCache() {
    for (String sql : store.statements()) {
      assertTrue(sql.length() < 2048, sql.length() + " characters: " + sql);
    }
  }

  @Test
  void anAllocationWhoseCallerGoesAwayStillEndsItsTransaction() {
    String a = newContainerId();
    java.util.concurrent.atomic.AtomicBoolean written = new java.util.concurrent.atomic.AtomicBoolean();
    // Another transaction holds the default network's row: the start waits in its first round trip, BEGIN sent.
    io.vertx.mutiny.sqlclient.SqlConnection holder = pool.getConnection().await().atMost(Duration.ofSeconds(10));
    try {
      holder.query("begin").execute().await().atMost(Duration.ofSeconds(10));
      holder.query("select 1 from network.networks where name = 'bridge' for update").execute()
          .await().atMost(Duration.ofSeconds(10));
      io.smallrye.mutiny.subscription.Cancellable caller = store.allocate("bridge", a, Instant.now(), false,
          reads -> "decided", x -> {
            written.set(true);
            return new SandboxStore.Writes(List.of(), List.of(), List.of());
          }).subscribe().with(x -> { }, e -> { });
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !rows(
          "select 1 from pg_stat_activity where wait_event_type = 'Lock' and query like '%for no key update of n%'").isEmpty());
      caller.cancel(); // the caller goes away
    } finally {
      holder.query("commit").execute().await().atMost(Duration.ofSeconds(10));
      holder.close().await().atMost(Duration.ofSeconds(10));
    }
    // The transaction still ran to its end rather than going back to the pool open, with its locks.
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(written::get);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rows(
        "select 1 from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'"
        + " and pid <> pg_backend_pid()").isEmpty());
    String b = newContainerId();
    prepare(b, "after-cancel", "{}").statusCode(200);
    given().delete("/internal/sandboxes/" + b).then().statusCode(204);
  }

  @Test
  void unknownNetworkIsNotFoundAndKeepsNothing() {
    String a = newContainerId();
    prepare(a, "lost", "{\"NetworkMode\":\"no-such-network\"}").statusCode(404)
        .body("message", containsString("network no-such-network not found"));
    assertEquals(List.of(), addresses(a));
  }

  @Test
  void aTakenPortFailsTheStartAndKeepsNothingButTheSameContainerMayTakeItAgain() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String bindings = "{\"PortBindings\":{\"80/tcp\":[{\"HostPort\":\"" + port + "\"}]}}";
    String a = newContainerId();
    String b = newContainerId();
    prepare(a, "web1", bindings).statusCode(200).body("network.ports[0].hostPort", org.hamcrest.Matchers.equalTo(port));
    prepare(b, "web2", bindings).statusCode(409).body("message", containsString("port is already allocated"));
    assertEquals(List.of(), addresses(b), "a refused start keeps no address");
    // Re-prepare of the holder: its own binding does not count against it.
    prepare(a, "web1", bindings).statusCode(200).body("network.ports[0].hostPort", org.hamcrest.Matchers.equalTo(port));
    assertEquals(1, rows("select 1 from network.port_bindings where container_id = $1", a).size());

    // A port another program listens on is refused too.
    try (ServerSocket busy = new ServerSocket(0)) {
      prepare(b, "web2", "{\"PortBindings\":{\"80/tcp\":[{\"HostPort\":\"" + busy.getLocalPort() + "\"}]}}")
          .statusCode(409).body("message", containsString("port is already allocated"));
    }
    given().delete("/internal/sandboxes/" + a).then().statusCode(204);
    assertEquals(0, rows("select 1 from network.port_bindings where container_id = $1", a).size());
    prepare(b, "web2", bindings).statusCode(200);
    given().delete("/internal/sandboxes/" + b).then().statusCode(204);
  }

  @Test
  void factsReleaseOnlyWhatWasAllocatedBeforeThemAndOnlyOnce() {
    String a = newContainerId();
    Instant beforeStart = Instant.now().minusSeconds(5);
    prepare(a, "late", "{}").statusCode(200);
    String first = addresses(a).get(0);

    // A fact of an earlier run arrives late: the newer start keeps its address.
    consume(fact(new ContainerDied(a, "late", "busybox", 0, false, beforeStart), beforeStart));
    assertEquals(List.of(first), addresses(a));

    // Its exit: released, and announced once.
    IdempotentBatchConsumer.Fact died = fact(new ContainerDied(a, "late", "busybox", 0, false, Instant.now().plusSeconds(3600)),
        Instant.now().plusSeconds(3600));
    consume(died);
    assertEquals(List.of(), addresses(a));
    assertEquals(1, outbox(EventTypes.ENDPOINT_DISCONNECTED.type(), a).size());

    // Started again; the same fact delivered again (it covers the new start's time) releases nothing.
    prepare(a, "late", "{}").statusCode(200);
    consume(died);
    assertEquals(1, addresses(a).size(), "a redelivered fact is not applied twice");

    // Removal in the same poll as a second exit fact: released once, attachments forgotten.
    given().body("{\"Name\":\"gone\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.80.0.0/24\"}]}}").post("/networks/create")
        .then().statusCode(201);
    rows("insert into network.attachments (container_id, network_id, ip_address, aliases, created_at)"
        + " select $1, id, null, '[]', now() from network.networks where name = 'gone'", a);
    Instant later = Instant.now().plusSeconds(7200);
    consume(fact(new ContainerDied(a, "late", "busybox", 0, false, later), later),
        fact(new ContainerRemoved(a, "late", later), later));
    assertEquals(List.of(), addresses(a));
    assertEquals(2, outbox(EventTypes.ENDPOINT_DISCONNECTED.type(), a).size());
    assertEquals(0, rows("select 1 from network.attachments where container_id = $1", a).size());
    given().delete("/networks/gone").then().statusCode(204);
  }

  @Test
  void attachedNetworksGetAnEndpointAtStartAfterThePrimary() {
    given().body("{\"Name\":\"extra\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.81.0.0/24\"}]}}").post("/networks/create")
        .then().statusCode(201);
    String a = newContainerId();
    rows("insert into network.attachments (container_id, network_id, ip_address, aliases, created_at)"
        + " select $1, id, '10.81.0.9', '[\"x\"]', now() from network.networks where name = 'extra'", a);
    prepare(a, "multi", "{}").statusCode(200)
        .body("network.endpoints[0].networkName", org.hamcrest.Matchers.equalTo("bridge"))
        .body("network.endpoints[1].networkName", org.hamcrest.Matchers.equalTo("extra"))
        .body("network.endpoints[1].ipAddress", org.hamcrest.Matchers.equalTo("10.81.0.9"))
        .body("network.endpoints[1].aliases", org.hamcrest.Matchers.hasItems("multi", "x"));
    assertEquals(2, addresses(a).size());
    assertNotEquals(addresses(a).get(0), addresses(a).get(1));
    given().delete("/networks/extra").then().statusCode(409);
    consume(fact(new ContainerRemoved(a, "multi", Instant.now().plusSeconds(1)), Instant.now().plusSeconds(1)));
    assertTrue(addresses(a).isEmpty());
    given().delete("/networks/extra").then().statusCode(204);
  }
}
