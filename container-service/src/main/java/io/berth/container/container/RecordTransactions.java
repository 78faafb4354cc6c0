package io.berth.container.container;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * {@code pool.withTransaction} without a round trip of its own for BEGIN: BEGIN is sent and the
 * work's first statement goes right behind it (the pg client pipelines a connection's commands),
 * so a fact costs three round trips (BEGIN + lock, write, COMMIT) instead of four. If anything
 * fails the transaction is rolled back before the connection goes back to the pool.
 */
@ApplicationScoped
public class RecordTransactions {
  private final Pool pool;

  public RecordTransactions(Pool pool) {
    this.pool = pool;
  }

  /** Runs {@code work} in a transaction on one connection, committed if its Uni succeeds. */
  public <T> Uni<T> run(Function<SqlConnection, Uni<T>> work) {
    return pool.withConnection(conn -> {
      // Subscribed now: BEGIN is queued before the work's first statement, without waiting.
      Uni<Transaction> begin = conn.begin().memoize().indefinitely();
      begin.subscribe().with(tx -> { }, failure -> { });
      return Uni.combine().all().unis(begin, Uni.createFrom().deferred(() -> work.apply(conn))).asTuple()
          .flatMap(both -> both.getItem1().commit().replaceWith(both.getItem2()))
          .onFailure().call(e -> begin.flatMap(Transaction::rollback).onFailure().recoverWithNull());
    });
  }
}
