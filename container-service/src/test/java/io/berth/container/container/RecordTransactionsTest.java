package io.berth.container.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The pipelined-BEGIN transaction commits on success and leaves nothing behind on any failure. */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ImageServiceStub.class, scope = TestResourceScope.GLOBAL)
class RecordTransactionsTest {
  static final Duration MAX = Duration.ofSeconds(10);

  @Inject RecordTransactions transactions;
  @Inject Pool pool;

  @Test
  void commitsWhatTheWorkWrote() {
    String id = "tx-ok-" + System.nanoTime();
    assertEquals("done", transactions.run(conn -> insert(conn, id).replaceWith("done")).await().atMost(MAX));
    assertEquals(1, count(id));
  }

  @Test
  void rollsBackWhenTheWorkFailsAfterWriting() {
    String id = "tx-fail-" + System.nanoTime();
    assertThrows(IllegalStateException.class, () -> transactions.run(conn -> insert(conn, id)
        .flatMap(v -> Uni.createFrom().failure(new IllegalStateException("refused")))).await().atMost(MAX));
    assertEquals(0, count(id));
  }

  @Test
  void rollsBackAFailedStatementAndTheConnectionsStayUsable() {
    String id = "tx-bad-" + System.nanoTime();
    assertThrows(Exception.class, () -> transactions.run(conn -> insert(conn, id)
        .flatMap(v -> conn.query("select * from container.no_such_table").execute())).await().atMost(MAX));
    assertEquals(0, count(id));
    // More runs than the pool has connections: none was given back inside an open transaction.
    for (int i = 0; i < 30; i++) {
      String next = id + "-" + i;
      transactions.run(conn -> insert(conn, next)).await().atMost(MAX);
      assertEquals(1, count(next));
    }
  }

  private static Uni<Void> insert(SqlConnection conn, String id) {
    return conn.preparedQuery("insert into container.tombstones (id, name, exit_code, start_count, removed_at)"
            + " values ($1, $1, 0, 0, $2)")
        .execute(Tuple.of(id, Instant.now().atOffset(ZoneOffset.UTC))).replaceWithVoid();
  }

  private long count(String id) {
    return pool.preparedQuery("select count(*) from container.tombstones where id = $1").execute(Tuple.of(id))
        .await().atMost(MAX).iterator().next().getLong(0);
  }
}
