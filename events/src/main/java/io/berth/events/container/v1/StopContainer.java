package io.berth.events.container.v1;

import io.berth.events.EventData;
import java.util.Objects;

/**
 * Command to node {@code nodeId}: send {@code signal}, wait up to {@code timeoutSeconds}, then
 * SIGKILL (Docker's {@code stop} semantics). The node answers with {@code TaskExited}. Type
 * {@code io.berth.container.stop.v1}.
 *
 * @param timeoutSeconds grace period before SIGKILL; null = 10 (Docker's default); 0 = kill at once
 * @param signal signal name, e.g. {@code SIGTERM} (the default) or the image's {@code StopSignal}
 */
public record StopContainer(String containerId, String nodeId, Integer timeoutSeconds, String signal)
    implements EventData {

  public static final int DEFAULT_TIMEOUT_SECONDS = 10;
  public static final String DEFAULT_SIGNAL = "SIGTERM";

  public StopContainer {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(nodeId, "nodeId");
    if (timeoutSeconds == null) {
      timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
    }
    if (signal == null || signal.isEmpty()) {
      signal = DEFAULT_SIGNAL;
    }
  }
}
