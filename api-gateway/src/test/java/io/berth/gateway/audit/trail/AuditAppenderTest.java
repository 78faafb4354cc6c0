package io.berth.gateway.audit.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.db.DbSchema;
import io.berth.events.audit.v1.AuditRecorded;
import io.berth.gateway.audit.query.ChainVerifier;
import io.berth.gateway.audit.record.AuditEntry;
import io.berth.gateway.proxy.UpstreamStubsResource;
import io.berth.testing.BerthInfra;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The one-statement append on the real PostgreSQL: several appenders (as replicas would be) on
 * one chain, a head cached in memory that went stale, a race decided by the primary key, and the
 * outbox relay's wake-up.
 */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = UpstreamStubsResource.class, scope = TestResourceScope.GLOBAL)
class AuditAppenderTest {

  @Inject Pool pool;
  @Inject DbSchema schema;
  @Inject ChainVerifier verifier;

  static AuditEntry entry(String actor, String object) {
    return new AuditEntry(Instant.now(), actor, null, "admin", "tcp", "127.0.0.1", "POST",
        "/v1.41/containers/" + object + "/start", "container.start", "container", object, 204, null);
  }

  static AuditRecorded await(CompletableFuture<AuditRecorded> f) throws Exception {
    return f.get(30, TimeUnit.SECONDS);
  }

  static Connection jdbc() throws Exception {
    return DriverManager.getConnection(BerthInfra.jdbcUrl(), BerthInfra.dbUser(), "");
  }

  void assertChainValid() {
    ChainVerifier.Verification v = verifier.verify().await().atMost(Duration.ofSeconds(30));
    assertTrue(v.valid(), v.toString());
  }

  @Test
  void twoAppendersRacingOnOneChainNeverForkItAndLeaveNoGap() throws Exception {
    String actor = "race-" + UUID.randomUUID();
    AuditAppender a = new AuditAppender(pool, schema);
    AuditAppender b = new AuditAppender(pool, schema);
    List<CompletableFuture<AuditRecorded>> appended = new ArrayList<>();
    // One append each, in turn, first: a's head is then stale, whatever the pool's connections do
    // (b's first read may wait for a new connection while a writes all it has queued).
    appended.add(a.append(entry(actor, "a-first")).toCompletableFuture());
    await(appended.get(0));
    appended.add(b.append(entry(actor, "b-first")).toCompletableFuture());
    await(appended.get(1));
    for (int round = 0; round < 30; round++) {
      // Both start from the head they last wrote, so each round one of them finds it stale.
      appended.add(a.append(entry(actor, "a" + round)).toCompletableFuture());
      appended.add(b.append(entry(actor, "b" + round)).toCompletableFuture());
      appended.add(a.append(entry(actor, "a" + round + "x")).toCompletableFuture());
    }
    Set<Long> seqs = new HashSet<>();
    for (CompletableFuture<AuditRecorded> f : appended) {
      seqs.add(await(f).seq());
    }
    assertEquals(appended.size(), seqs.size(), "every record has its own seq");
    assertTrue(a.headReads() + b.headReads() > 2, "the appenders lost races and re-read the head");

    try (Connection c = jdbc(); Statement s = c.createStatement()) {
      ResultSet rows = s.executeQuery("select seq, object_id from gateway.audit_log where actor = '"
          + actor + "' order by seq");
      Set<String> objects = new HashSet<>();
      while (rows.next()) {
        assertTrue(seqs.contains(rows.getLong(1)));
        objects.add(rows.getString(2));
      }
      assertEquals(appended.size(), objects.size(), "each entry stored exactly once");
      // Their outbox rows, one each, in chain order (the relay publishes in sequence order).
      ResultSet events = s.executeQuery("select (payload::json->>'seq')::bigint from gateway.outbox"
          + " where payload::json->>'actor' = '" + actor + "' order by sequence");
      long last = 0;
      int count = 0;
      while (events.next()) {
        assertTrue(events.getLong(1) > last, "outbox rows follow the chain");
        last = events.getLong(1);
        count++;
      }
      assertEquals(appended.size(), count);
    }
    assertChainValid();
  }

  @Test
  void theCommonCaseReadsNoHeadAndAStaleHeadIsRepaired() throws Exception {
    String actor = "stale-" + UUID.randomUUID();
    AuditAppender a = new AuditAppender(pool, schema);
    AuditAppender other = new AuditAppender(pool, schema);
    AuditRecorded first = await(a.append(entry(actor, "s0")).toCompletableFuture());
    long reads = a.headReads();
    AuditRecorded second = await(a.append(entry(actor, "s1")).toCompletableFuture());
    assertEquals(first.seq() + 1, second.seq());
    assertEquals(first.hash(), second.prevHash());
    assertEquals(reads, a.headReads(), "the head this appender wrote is the next one's start");

    AuditRecorded elsewhere = await(other.append(entry(actor, "o0")).toCompletableFuture());
    AuditRecorded after = await(a.append(entry(actor, "s2")).toCompletableFuture());
    assertEquals(reads + 1, a.headReads(), "a stale head costs one read");
    assertTrue(after.seq() > elsewhere.seq());
    assertEquals(after.seq() - 1, seqOf(after.prevHash()));
    assertChainValid();
  }

  @Test
  void theLoserOfARaceThePrimaryKeyDecidesAppendsAfterTheWinner() throws Exception {
    String actor = "pkey-" + UUID.randomUUID();
    AuditAppender a = new AuditAppender(pool, schema);
    AuditRecorded head = await(a.append(entry(actor, "p0")).toCompletableFuture());
    long reads = a.headReads();
    try (Connection c = jdbc()) {
      c.setAutoCommit(false);
      // Another writer's record after the head, not yet committed: invisible to the append's
      // check, so the append gets as far as the primary key and waits there for this one.
      AuditRecorded rival = entry(actor, "rival").chain(head.seq() + 1, head.hash());
      insert(c, rival);
      CompletableFuture<AuditRecorded> late = a.append(entry(actor, "p1")).toCompletableFuture();
      try (Connection watch = jdbc(); Statement s = watch.createStatement()) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        boolean waiting = false;
        while (!waiting && System.nanoTime() < deadline) {
          ResultSet r = s.executeQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
              + " and query like 'with head as%'");
          r.next();
          waiting = r.getInt(1) > 0;
          Thread.sleep(20);
        }
        assertTrue(waiting, "the append waits on the rival's uncommitted seq");
      }
      assertFalse(late.isDone());
      c.commit();
      AuditRecorded appended = await(late);
      assertEquals(rival.seq() + 1, appended.seq());
      assertEquals(rival.hash(), appended.prevHash());
      assertEquals(reads + 1, a.headReads());
    }
    assertChainValid();
  }

  @Test
  void theOutboxRelayIsNotifiedWhenAnAppendCommits() throws Exception {
    AuditAppender a = new AuditAppender(pool, schema);
    try (Connection c = jdbc(); Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.execute("listen berth_outbox_gateway");
      PGConnection pg = c.unwrap(PGConnection.class);
      pg.getNotifications(200); // whatever else was going on
      await(a.append(entry("notify-" + UUID.randomUUID(), "n0")).toCompletableFuture());
      var notifications = pg.getNotifications(5_000);
      assertNotNull(notifications);
      assertTrue(notifications.length > 0, "the outbox trigger fires for the append's insert");
    }
  }

  private static long seqOf(String hash) throws Exception {
    try (Connection c = jdbc();
        PreparedStatement s = c.prepareStatement("select seq from gateway.audit_log where hash = ?")) {
      s.setString(1, hash);
      ResultSet r = s.executeQuery();
      assertTrue(r.next());
      return r.getLong(1);
    }
  }

  private static void insert(Connection c, AuditRecorded r) throws Exception {
    try (PreparedStatement s = c.prepareStatement("insert into gateway.audit_log (seq, recorded_at, actor,"
        + " token_id, role, transport, peer, method, path, action, object_type, object_id, status, reason,"
        + " prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      Object[] values = {r.seq(), r.recordedAt().atOffset(ZoneOffset.UTC), r.actor(), r.tokenId(), r.role(),
          r.transport(), r.peer(), r.method(), r.path(), r.action(), r.objectType(), r.objectId(),
          r.status(), r.reason(), r.prevHash(), r.hash()};
      for (int i = 0; i < values.length; i++) {
        s.setObject(i + 1, values[i]);
      }
      assertEquals(1, s.executeUpdate());
    }
  }
}
