package io.berth.events.network.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/**
 * Fact: a network exists ({@code docker network create}, or the default {@code bridge} at first
 * start). Type {@code io.berth.network.created.v1}; subject: the network id.
 *
 * @param networkId 64 hex digits
 * @param name the network's unique name
 * @param driver {@code bridge}
 * @param subnet IPv4 CIDR, e.g. {@code 172.18.0.0/16}
 */
public record NetworkCreated(String networkId, String name, String driver, String subnet, Instant createdAt)
    implements EventData {
  public NetworkCreated {
    Objects.requireNonNull(networkId, "networkId");
    Objects.requireNonNull(name, "name");
  }
}
