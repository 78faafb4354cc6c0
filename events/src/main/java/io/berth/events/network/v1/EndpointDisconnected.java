package io.berth.events.network.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/**
 * Fact: a container's endpoint on a network was released; its address is free again (Docker's
 * network {@code disconnect} event). Type {@code io.berth.endpoint.disconnected.v1}; subject: the
 * network id.
 */
public record EndpointDisconnected(
    String networkId, String networkName, String driver, String containerId, String endpointId,
    String ipAddress, Instant disconnectedAt)
    implements EventData {
  public EndpointDisconnected {
    Objects.requireNonNull(networkId, "networkId");
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(endpointId, "endpointId");
  }
}
