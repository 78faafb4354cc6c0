package io.berth.container.container;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Waits until a condition on a container's stored state holds: checks the state a local commit
 * hands over through {@link ContainerChangeNotifier}, or re-reads the row in a fresh stateless
 * session when woken without one and at least every poll interval (changes committed by another
 * replica).
 */
@ApplicationScoped
public class ContainerWaiter {
  /** What a waiter sees: the row, or, once it is gone, its tombstone (may be null too). */
  public record Observation(ContainerEntity container, ContainerTombstone tombstone) {
    public boolean removed() {
      return container == null;
    }

    /** Exit code of the last run, from the row or the tombstone. */
    public int exitCode() {
      return container != null ? container.exitCode : tombstone != null ? tombstone.exitCode : 0;
    }
  }

  private final Mutiny.SessionFactory sessions;
  private final ContainerChangeNotifier notifier;
  private final Duration poll;

  public ContainerWaiter(
      Mutiny.SessionFactory sessions,
      ContainerChangeNotifier notifier,
      @ConfigProperty(name = "berth.container.wait-poll", defaultValue = "PT1S") Duration poll) {
    this.sessions = sessions;
    this.notifier = notifier;
    this.poll = poll;
  }

  /**
   * Completes with the first value {@code condition} yields, or fails with {@code onTimeout}
   * after {@code timeout}. Call it outside any session or transaction.
   */
  public <T> Uni<T> until(
      String id, Function<Observation, Optional<T>> condition, Duration timeout, Supplier<? extends Throwable> onTimeout) {
    Context ctx = Vertx.currentContext();
    return attempt(id, null, condition, Instant.now().plus(timeout), onTimeout, ctx);
  }

  /** One check: of {@code known} (a state a local commit handed over), else of a fresh read. */
  private <T> Uni<T> attempt(
      String id, Observation known, Function<Observation, Optional<T>> condition, Instant deadline,
      Supplier<? extends Throwable> onTimeout, Context ctx) {
    CompletableFuture<Observation> wake = notifier.next(id);
    return (known != null ? Uni.createFrom().item(known) : observe(id)).flatMap(obs -> {
      Optional<T> result = condition.apply(obs);
      if (result.isPresent()) {
        wake.cancel(false);
        return Uni.createFrom().item(result.get());
      }
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        wake.cancel(false);
        return Uni.createFrom().failure(onTimeout.get());
      }
      Uni<Observation> pause = Uni.createFrom().completionStage(wake)
          .ifNoItem().after(left.compareTo(poll) < 0 ? left : poll).recoverWithItem((Observation) null)
          .onFailure().recoverWithItem((Observation) null)
          .invoke(() -> wake.cancel(false));
      if (ctx != null) {
        // Hibernate Reactive must continue on the event loop the request started on.
        pause = pause.emitOn(r -> ctx.runOnContext(v -> r.run()));
      }
      return pause.flatMap(committed -> attempt(id, committed, condition, deadline, onTimeout, ctx));
    });
  }

  /** One fresh read of the row (or its tombstone), bypassing any session cache. */
  public Uni<Observation> observe(String id) {
    return sessions.withStatelessSession(s -> s.get(ContainerEntity.class, id)
        .flatMap(c -> c != null
            ? Uni.createFrom().item(new Observation(c, null))
            : s.get(ContainerTombstone.class, id).map(t -> new Observation(null, t))));
  }
}
