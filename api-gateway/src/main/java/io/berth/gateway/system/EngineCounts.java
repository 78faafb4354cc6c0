package io.berth.gateway.system;

import io.smallrye.mutiny.Uni;

/**
 * Container and image totals for /info. The gateway holds no container or image state: see
 * {@link ServiceEngineCounts}, which asks container-service and image-service.
 */
public interface EngineCounts {

  /** What /info reports under Containers, ContainersRunning/Paused/Stopped and Images. */
  record Counts(int containers, int running, int paused, int stopped, int images) {
    public static final Counts NONE = new Counts(0, 0, 0, 0, 0);
  }

  Uni<Counts> counts();
}
