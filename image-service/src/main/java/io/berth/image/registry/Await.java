package io.berth.image.registry;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/** Runs a reactive (Hibernate Reactive) step from a blocking endpoint, on a Vert.x context. */
public final class Await {
  private Await() {}

  public static <T> T await(Supplier<Uni<T>> step) {
    try {
      return VertxContextSupport.subscribeAndAwait(step);
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
