package io.berth.network.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.ForbiddenException;
import io.berth.common.error.InvalidArgumentException;
import io.berth.common.error.NotFoundException;
import io.berth.events.container.v1.ContainerNetwork;
import io.berth.network.ipam.Ipv4;
import io.berth.network.network.AttachmentEntity;
import io.berth.network.network.AttachmentRepository;
import io.berth.network.network.EndpointEntity;
import io.berth.network.network.EndpointRepository;
import io.berth.network.network.JsonColumns;
import io.berth.network.network.NetworkEntity;
import io.berth.network.network.NetworkService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * {@code docker network connect/disconnect}. The attachment is recorded here (a stopped container
 * gets it wired at its next start). For a running container the endpoint is allocated at once,
 * wired into its namespace by its node, and shown in its NetworkSettings; should the node fail,
 * the allocation is given back. Disconnect unwires on the node first, then frees the address, so
 * an address is never free while still wired.
 */
@ApplicationScoped
public class AttachmentService {
  private static final Logger LOG = Logger.getLogger(AttachmentService.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final NetworkService networks;
  private final AttachmentRepository attachments;
  private final EndpointRepository endpoints;
  private final SandboxService sandboxes;
  private final ContainerServiceClient containers;
  private final NodeClient nodes;

  public AttachmentService(NetworkService networks, AttachmentRepository attachments, EndpointRepository endpoints,
                           SandboxService sandboxes, ContainerServiceClient containers, NodeClient nodes) {
    this.networks = networks;
    this.attachments = attachments;
    this.endpoints = endpoints;
    this.sandboxes = sandboxes;
    this.containers = containers;
    this.nodes = nodes;
  }

  public Uni<Void> connect(String networkRef, byte[] body) {
    JsonNode req = read(body);
    String ip = req.path("EndpointConfig").path("IPAMConfig").path("IPv4Address").asText("");
    if (!ip.isEmpty() && !Ipv4.isValid(ip)) {
      return Uni.createFrom().failure(new InvalidArgumentException("invalid IPv4 address: " + ip));
    }
    List<String> aliases = new ArrayList<>();
    req.path("EndpointConfig").path("Aliases").forEach(a -> aliases.add(a.asText()));
    return containerOf(req).flatMap(c -> {
      if (!c.running()) {
        return Panache.withTransaction(() -> networks.require(networkRef)
            .flatMap(n -> record(c, n, ip, aliases))).replaceWithVoid();
      }
      checkConnectable(c);
      return containers.nodeAddress(c.id()).flatMap(node -> Panache.withTransaction(() -> networks.require(networkRef)
              .flatMap(n -> endpoints.ofContainerOnNetwork(c.id(), n.id).flatMap(existing -> {
                if (!existing.isEmpty()) {
                  throw new ForbiddenException("endpoint with name " + c.name() + " already exists in network " + n.name);
                }
                return record(c, n, ip, aliases);
              }))
              .flatMap(n -> sandboxes.connectRunning(c.id(), c.name(), n.id, ip.isEmpty() ? null : ip, aliases)))
          .flatMap(endpoint -> nodes.wire(node, c.id(), endpoint)
              .onFailure().call(e -> undoConnect(c, endpoint))
              .flatMap(v -> containers.updateNetworkSettings(c.id(), endpoint.networkName(),
                  NetworkSettingsView.endpoint(endpoint)))));
    });
  }

  private Uni<NetworkEntity> record(ContainerServiceClient.ContainerRef c, NetworkEntity n, String ip, List<String> aliases) {
    if (n.isDefault && !ip.isEmpty()) {
      throw new InvalidArgumentException("user specified IP address is supported on user defined networks only");
    }
    return attachments.findById(new AttachmentEntity.Key(c.id(), n.id)).flatMap(existing -> {
      if (existing != null) {
        throw new ForbiddenException("endpoint with name " + c.name() + " already exists in network " + n.name);
      }
      AttachmentEntity a = new AttachmentEntity();
      a.key = new AttachmentEntity.Key(c.id(), n.id);
      a.ipAddress = ip.isEmpty() ? null : ip;
      a.aliases = JsonColumns.write(aliases);
      a.createdAt = Instant.now();
      return attachments.persist(a).replaceWith(n);
    });
  }

  // Docker's refusals for containers without a namespace of their own to add to.
  private static void checkConnectable(ContainerServiceClient.ContainerRef c) {
    String mode = c.networkMode();
    if (mode.equals("host")) {
      throw new ForbiddenException("container cannot be disconnected from host network or connected to host network");
    }
    if (mode.startsWith("container:")) {
      throw new ForbiddenException("container sharing network namespace with another container or host cannot be"
          + " connected to any other network");
    }
    if (mode.equals("none")) {
      throw new ForbiddenException("container cannot be connected to multiple networks with one of the networks in"
          + " private (none) mode");
    }
  }

  private Uni<Void> undoConnect(ContainerServiceClient.ContainerRef c, ContainerNetwork.Endpoint endpoint) {
    return Panache.withTransaction(() -> attachments.deleteById(new AttachmentEntity.Key(c.id(), endpoint.networkId()))
            .flatMap(x -> endpoints.findById(endpoint.endpointId()))
            .flatMap(e -> e == null ? Uni.createFrom().voidItem()
                : networks.require(endpoint.networkId()).flatMap(n -> sandboxes.disconnectRunning(e, n))))
        .onFailure().invoke(e -> LOG.warnf("cannot give back endpoint %s of %s: %s", endpoint.endpointId(), c.id(), e.getMessage()))
        .onFailure().recoverWithNull().replaceWithVoid();
  }

  public Uni<Void> disconnect(String networkRef, byte[] body) {
    JsonNode req = read(body);
    boolean force = req.path("Force").asBoolean(false);
    return containerOf(req).flatMap(c -> Panache.withSession(() -> networks.require(networkRef)).flatMap(n -> {
      if (!c.running()) {
        return Panache.withTransaction(() -> attachments.deleteById(new AttachmentEntity.Key(c.id(), n.id))
            .map(deleted -> {
              if (!deleted) {
                throw notConnected(c, n);
              }
              return null;
            }));
      }
      return Panache.withSession(() -> endpoints.ofContainerOnNetwork(c.id(), n.id)).flatMap(eps -> {
        if (eps.isEmpty()) {
          throw notConnected(c, n);
        }
        Uni<Void> unwired = containers.nodeAddress(c.id())
            .flatMap(node -> unwireAll(node, c.id(), eps));
        if (force) {
          unwired = unwired.onFailure().invoke(e -> LOG.warnf("forced disconnect of %s from %s: %s", c.id(), n.name,
              e.getMessage())).onFailure().recoverWithNull();
        }
        return unwired
            .flatMap(v -> Panache.withTransaction(() -> attachments.deleteById(new AttachmentEntity.Key(c.id(), n.id))
                .flatMap(x -> releaseAll(eps, n))))
            .flatMap(v -> containers.updateNetworkSettings(c.id(), n.name, null));
      });
    }));
  }

  private Uni<Void> unwireAll(String node, String containerId, List<EndpointEntity> eps) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (EndpointEntity e : eps) {
      chain = chain.flatMap(v -> nodes.unwire(node, containerId, e.id));
    }
    return chain;
  }

  private Uni<Void> releaseAll(List<EndpointEntity> eps, NetworkEntity n) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (EndpointEntity e : eps) {
      chain = chain.flatMap(v -> sandboxes.disconnectRunning(e, n));
    }
    return chain;
  }

  private static NotFoundException notConnected(ContainerServiceClient.ContainerRef c, NetworkEntity n) {
    return new NotFoundException("container " + c.id() + " is not connected to network " + n.name);
  }

  private Uni<ContainerServiceClient.ContainerRef> containerOf(JsonNode req) {
    String ref = req.path("Container").asText("");
    if (ref.isEmpty()) {
      return Uni.createFrom().failure(new InvalidArgumentException("container is required"));
    }
    return containers.find(ref);
  }

  private static JsonNode read(byte[] body) {
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n == null || !n.isObject()) {
        throw new InvalidArgumentException("invalid JSON");
      }
      return n;
    } catch (IOException e) {
      throw new InvalidArgumentException("invalid JSON");
    }
  }
}
