package io.berth.container.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tombstones older than their time to live (1 h) go on the periodic sweep; younger ones stay. */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ImageServiceStub.class, scope = TestResourceScope.GLOBAL)
class TombstoneSweeperTest {
  @Inject Pool pool;
  @Inject TombstoneSweeper sweeper;

  @Test
  void sweepsOnlyTombstonesOlderThanTheirTimeToLive() {
    String old = "old-" + System.nanoTime();
    String young = "young-" + System.nanoTime();
    insert(old, Instant.now().minus(Duration.ofMinutes(61)));
    insert(young, Instant.now().minus(Duration.ofMinutes(59)));

    int swept = sweeper.sweep().await().atMost(Duration.ofSeconds(10));

    assertTrue(swept >= 1, "the old tombstone is swept");
    List<String> left = new ArrayList<>();
    for (Row r : pool.preparedQuery("select id from container.tombstones where id = any($1)")
        .execute(Tuple.of(new String[] {old, young})).await().atMost(Duration.ofSeconds(10))) {
      left.add(r.getString("id"));
    }
    assertEquals(List.of(young), left);
  }

  private void insert(String id, Instant removedAt) {
    pool.preparedQuery("insert into container.tombstones (id, name, exit_code, start_count, removed_at)"
            + " values ($1, $1, 0, 1, $2)")
        .execute(Tuple.of(id, removedAt.atOffset(ZoneOffset.UTC))).await().atMost(Duration.ofSeconds(10));
  }
}
