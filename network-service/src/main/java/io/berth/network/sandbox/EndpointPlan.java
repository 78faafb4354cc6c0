package io.berth.network.sandbox;

import io.berth.common.error.ConflictException;
import io.berth.common.error.ForbiddenException;
import io.berth.common.error.InvalidArgumentException;
import io.berth.events.container.v1.ContainerNetwork;
import io.berth.network.ipam.AddressPicker;
import io.berth.network.ipam.Ipv4;
import io.berth.network.ipam.Subnet;
import io.berth.network.network.EndpointEntity;
import io.berth.network.network.JsonColumns;
import io.berth.network.network.NetworkEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Chooses a container's endpoint on one network from the addresses in use there: Docker's
 * checks and messages for a requested address, else the lowest free one. Pure, so the start path
 * (plain SQL) and {@code network connect} (Hibernate) decide the same way; the caller holds the
 * network's row lock and writes the result.
 *
 * @param row the endpoint row to insert
 * @param wire what the node needs to plug it
 */
record EndpointPlan(EndpointEntity row, ContainerNetwork.Endpoint wire) {

  static EndpointPlan of(NetworkEntity n, Set<Long> used, Wanted w, String containerId, String name, Instant now) {
    Subnet subnet = Subnet.parse(n.subnet);
    long gateway = Ipv4.parse(n.gateway);
    long addr;
    if (w.ip() != null) {
      if (n.isDefault) {
        throw new InvalidArgumentException("user specified IP address is supported on user defined networks only");
      }
      if (!Ipv4.isValid(w.ip()) || !AddressPicker.assignable(subnet, gateway, Ipv4.parse(w.ip()))) {
        throw new ForbiddenException("no available IPv4 addresses on this network's address pools: " + n.name
            + " (" + w.ip() + " is not in " + n.subnet + ")");
      }
      addr = Ipv4.parse(w.ip());
      if (used.contains(addr)) {
        throw new ConflictException("Address already in use");
      }
    } else {
      addr = AddressPicker.pick(subnet, n.ipRange == null ? null : Subnet.parse(n.ipRange), gateway, used)
          .orElseThrow(() -> new ForbiddenException("no available IPv4 addresses on this network's address pools: "
              + n.name + " (" + n.id + ")"));
    }
    List<String> aliases = new ArrayList<>();
    if (!n.isDefault) {
      aliases.add(name);
      aliases.add(containerId.substring(0, 12));
      w.aliases().stream().filter(a -> !aliases.contains(a)).forEach(aliases::add);
    }
    EndpointEntity e = new EndpointEntity();
    e.id = SandboxService.newId();
    e.networkId = n.id;
    e.containerId = containerId;
    e.containerName = name;
    e.ipAddress = Ipv4.format(addr);
    e.macAddress = w.mac().isEmpty() ? Ipv4.macFor(addr) : w.mac().toLowerCase();
    e.aliases = JsonColumns.write(aliases);
    e.createdAt = now;
    ContainerNetwork.Endpoint wire = new ContainerNetwork.Endpoint(n.id, n.name, e.id, n.bridge, n.subnet, n.gateway,
        e.ipAddress, subnet.prefixLen(), e.macAddress, aliases, !n.isDefault, n.internal);
    return new EndpointPlan(e, wire);
  }
}
