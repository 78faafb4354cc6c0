package io.berth.image.build;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.util.function.Supplier;

/** Builds run on worker threads; their database work (Hibernate Reactive) awaits a Vert.x context. */
public final class Await {
  private Await() {}

  public static <T> T await(Supplier<Uni<T>> uni) throws IOException {
    try {
      return VertxContextSupport.subscribeAndAwait(uni);
    } catch (RuntimeException | IOException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
