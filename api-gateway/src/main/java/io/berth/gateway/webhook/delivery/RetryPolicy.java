package io.berth.gateway.webhook.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the n-th retry waits a random time between half and all of
 * {@code min(initial * 2^(n-1), max)}, so many failing deliveries do not retry in lock-step.
 */
public record RetryPolicy(Duration initial, Duration max) {

  /** Delay before the attempt after {@code failedAttempts} (>= 1) failures. */
  public Duration delayAfter(int failedAttempts) {
    int shift = Math.min(Math.max(failedAttempts - 1, 0), 30);
    long ceiling = Math.min(initial.toMillis() << shift, max.toMillis());
    if (ceiling <= 0) {
      ceiling = max.toMillis();
    }
    long half = ceiling / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
  }
}
