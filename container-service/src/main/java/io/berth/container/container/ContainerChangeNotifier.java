package io.berth.container.container;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-process wake-up for requests waiting on a container (start, stop, wait): whoever commits a
 * change to a container signals it here after the commit. Waiters always re-read the database
 * after a wake-up, and also poll, so a change committed by another replica is seen too; this only
 * makes the common case fast.
 */
@ApplicationScoped
public class ContainerChangeNotifier {
  private final ConcurrentHashMap<String, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();

  /**
   * A future completed at the next {@link #changed} of {@code containerId}. Register before reading
   * the state you wait on, so a change between the read and the wait is not lost.
   */
  public CompletableFuture<Void> next(String containerId) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    waiters.computeIfAbsent(containerId, k -> ConcurrentHashMap.newKeySet()).add(f);
    f.whenComplete((v, e) -> forget(containerId, f));
    return f;
  }

  /** Wakes everyone waiting on {@code containerId}. Call after the change is committed. */
  public void changed(String containerId) {
    Set<CompletableFuture<Void>> set = waiters.remove(containerId);
    if (set != null) {
      set.forEach(f -> f.complete(null));
    }
  }

  /** Number of registered waiters (for tests and metrics). */
  public int waiting() {
    return waiters.values().stream().mapToInt(Set::size).sum();
  }

  private void forget(String containerId, CompletableFuture<Void> f) {
    waiters.computeIfPresent(containerId, (k, set) -> {
      set.remove(f);
      return set.isEmpty() ? null : set;
    });
  }
}
