package io.berth.events.container.v1;

import io.berth.events.EventData;
import java.util.Objects;

/**
 * Command to node {@code nodeId}: send {@code signal} to the container's main process (Docker's
 * {@code kill}; any signal, not only fatal ones). Type {@code io.berth.container.kill.v1}.
 *
 * @param signal name ({@code SIGHUP}, {@code HUP}) or number ({@code 9}); null = {@code SIGKILL}
 */
public record KillContainer(String containerId, String nodeId, String signal) implements EventData {

  public static final String DEFAULT_SIGNAL = "SIGKILL";

  public KillContainer {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(nodeId, "nodeId");
    if (signal == null || signal.isEmpty()) {
      signal = DEFAULT_SIGNAL;
    }
  }
}
