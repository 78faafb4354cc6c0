package io.berth.container.container;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-process wake-up for requests waiting on a container (start, stop, wait): whoever commits a
 * change to a container signals it here after the commit, with the state it committed when it has
 * it. Waiters take that state as read (it was the row's state at that commit) and re-read the
 * database after a wake-up without one; they also poll, so a change committed by another replica
 * is seen too. This only makes the common case fast: a task fact's commit answers a waiting start
 * or wait without another read.
 */
@ApplicationScoped
public class ContainerChangeNotifier {
  private final ConcurrentHashMap<String, Set<CompletableFuture<ContainerWaiter.Observation>>> waiters = new ConcurrentHashMap<>();

  /**
   * A future completed at the next {@link #changed} of {@code containerId}. Register before reading
   * the state you wait on, so a change between the read and the wait is not lost.
   */
  public CompletableFuture<ContainerWaiter.Observation> next(String containerId) {
    CompletableFuture<ContainerWaiter.Observation> f = new CompletableFuture<>();
    waiters.computeIfAbsent(containerId, k -> ConcurrentHashMap.newKeySet()).add(f);
    f.whenComplete((v, e) -> forget(containerId, f));
    return f;
  }

  /** Wakes everyone waiting on {@code containerId}, who then read it. Call after the change is committed. */
  public void changed(String containerId) {
    changed(containerId, null);
  }

  /**
   * Wakes everyone waiting on {@code containerId} with {@code committed}, the state a commit just
   * wrote (null: unknown, waiters read it). Call after that commit.
   */
  public void changed(String containerId, ContainerWaiter.Observation committed) {
    Set<CompletableFuture<ContainerWaiter.Observation>> set = waiters.remove(containerId);
    if (set != null) {
      set.forEach(f -> f.complete(committed));
    }
  }

  /** Number of registered waiters (for tests and metrics). */
  public int waiting() {
    return waiters.values().stream().mapToInt(Set::size).sum();
  }

  private void forget(String containerId, CompletableFuture<ContainerWaiter.Observation> f) {
    waiters.computeIfPresent(containerId, (k, set) -> {
      set.remove(f);
      return set.isEmpty() ? null : set;
    });
  }
}
