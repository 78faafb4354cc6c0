package io.berth.launcher.stack;

import java.time.Duration;

/** Restart delays that double from 1 s up to a cap, and reset once a component has stayed up. */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  private final Duration stable;
  private int failures;

  public Backoff(Duration initial, Duration max, Duration stable) {
    this.initial = initial;
    this.max = max;
    this.stable = stable;
  }

  public static Backoff standard() {
    return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60));
  }

  /** The delay before the next restart of a component that ran for {@code uptime}. */
  public Duration next(Duration uptime) {
    if (uptime.compareTo(stable) >= 0) {
      failures = 0;
    }
    Duration d = initial.multipliedBy(1L << Math.min(failures, 20));
    failures++;
    return d.compareTo(max) > 0 ? max : d;
  }

  public int failures() {
    return failures;
  }
}
