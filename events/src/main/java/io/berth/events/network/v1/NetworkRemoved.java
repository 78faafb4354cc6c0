package io.berth.events.network.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/** Fact: a network was removed. Type {@code io.berth.network.removed.v1}; subject: the network id. */
public record NetworkRemoved(String networkId, String name, String driver, Instant removedAt)
    implements EventData {
  public NetworkRemoved {
    Objects.requireNonNull(networkId, "networkId");
    Objects.requireNonNull(name, "name");
  }
}
