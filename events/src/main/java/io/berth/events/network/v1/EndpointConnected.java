package io.berth.events.network.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/**
 * Fact: a container got an endpoint (address) on a network (Docker's network {@code connect}
 * event). Type {@code io.berth.endpoint.connected.v1}; subject: the network id.
 *
 * @param ipAddress the IPv4 address handed out, without prefix length
 */
public record EndpointConnected(
    String networkId, String networkName, String driver, String containerId, String endpointId,
    String ipAddress, Instant connectedAt)
    implements EventData {
  public EndpointConnected {
    Objects.requireNonNull(networkId, "networkId");
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(endpointId, "endpointId");
  }
}
