package io.berth.image.build.engine;

import io.berth.common.outbox.Outbox;
import io.berth.events.CloudEvent;
import io.berth.events.Envelope;
import io.berth.events.EventData;
import io.berth.image.build.cache.BuildCacheRepository;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;

/**
 * A build's writes that can wait for its next transaction: the facts of its start and of its
 * cached steps, and the cache entries it used (their last_used). A cached step then costs one
 * read and no transaction; everything pending is written, in order, with the next executed step,
 * the build's end or its failure. Not thread-safe: one per build.
 */
final class BuildJournal {
  private final List<CloudEvent<?>> facts = new ArrayList<>();
  private final List<String> usedKeys = new ArrayList<>();

  void fact(EventData fact) {
    // Enveloped now: the event's time is when it happened, not when it is written.
    facts.add(Envelope.of(StepImages.SOURCE, fact));
  }

  void used(String cacheKey) {
    usedKeys.add(cacheKey);
  }

  boolean isEmpty() {
    return facts.isEmpty() && usedKeys.isEmpty();
  }

  /** What was pending: the facts, in order, and the cache entries used. */
  record Pending(List<CloudEvent<?>> facts, List<String> usedKeys) {}

  /** Takes what is pending (for the caller to write); it is no longer pending afterwards. */
  Pending take() {
    Pending p = new Pending(List.copyOf(facts), List.copyOf(usedKeys));
    facts.clear();
    usedKeys.clear();
    return p;
  }

  /** Writes what is pending in the caller's (ORM) transaction; it is no longer pending afterwards. */
  Uni<Void> flush(Outbox outbox, BuildCacheRepository cache) {
    Pending p = take();
    Uni<Void> chain = cache.touch(p.usedKeys());
    for (CloudEvent<?> fact : p.facts()) {
      chain = chain.chain(() -> outbox.add(fact));
    }
    return chain;
  }
}
