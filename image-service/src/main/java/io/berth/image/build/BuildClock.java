package io.berth.image.build;

import org.jboss.logging.Logger;

/**
 * Where a build's time goes: each phase's end logged at debug level (category
 * io.berth.image.build.BuildClock) with the time since the request arrived and since the last
 * phase. Costs nothing when debug is off. Not thread-safe: one per build.
 */
public final class BuildClock {
  private static final Logger LOG = Logger.getLogger(BuildClock.class);
  private final String buildId;
  private final long start = System.nanoTime();
  private long last = start;

  public BuildClock(String buildId) {
    this.buildId = buildId;
  }

  public void lap(String phase) {
    if (!LOG.isDebugEnabled()) {
      return;
    }
    long now = System.nanoTime();
    LOG.debugf("build %.12s: %s at %.1f ms (+%.1f)", buildId, phase, (now - start) / 1e6, (now - last) / 1e6);
    last = now;
  }
}
