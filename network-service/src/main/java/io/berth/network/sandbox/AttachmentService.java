package io.berth.network.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.ConflictException;
import io.berth.common.error.InvalidArgumentException;
import io.berth.common.error.NotFoundException;
import io.berth.common.error.NotImplementedException;
import io.berth.network.ipam.Ipv4;
import io.berth.network.network.AttachmentEntity;
import io.berth.network.network.AttachmentRepository;
import io.berth.network.network.JsonColumns;
import io.berth.network.network.NetworkService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker network connect/disconnect} of a container that is not running: recorded here,
 * wired at its next start. Re-wiring a running container's namespace is not supported yet, and
 * says so rather than pretending.
 */
@ApplicationScoped
public class AttachmentService {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final NetworkService networks;
  private final AttachmentRepository attachments;
  private final ContainerServiceClient containers;

  public AttachmentService(NetworkService networks, AttachmentRepository attachments, ContainerServiceClient containers) {
    this.networks = networks;
    this.attachments = attachments;
    this.containers = containers;
  }

  public Uni<Void> connect(String networkRef, byte[] body) {
    JsonNode req = read(body);
    String ip = req.path("EndpointConfig").path("IPAMConfig").path("IPv4Address").asText("");
    if (!ip.isEmpty() && !Ipv4.isValid(ip)) {
      return Uni.createFrom().failure(new InvalidArgumentException("invalid IPv4 address: " + ip));
    }
    List<String> aliases = new ArrayList<>();
    req.path("EndpointConfig").path("Aliases").forEach(a -> aliases.add(a.asText()));
    return containerOf(req).flatMap(c -> Panache.withTransaction(() -> networks.require(networkRef).flatMap(n -> {
      if (n.isDefault && !ip.isEmpty()) {
        throw new InvalidArgumentException("user specified IP address is supported on user defined networks only");
      }
      return attachments.findById(new AttachmentEntity.Key(c.id(), n.id)).flatMap(existing -> {
        if (existing != null) {
          throw new ConflictException("endpoint with name " + c.name() + " already exists in network " + n.name);
        }
        AttachmentEntity a = new AttachmentEntity();
        a.key = new AttachmentEntity.Key(c.id(), n.id);
        a.ipAddress = ip.isEmpty() ? null : ip;
        a.aliases = JsonColumns.write(aliases);
        a.createdAt = Instant.now();
        return attachments.persist(a).replaceWithVoid();
      });
    })));
  }

  public Uni<Void> disconnect(String networkRef, byte[] body) {
    JsonNode req = read(body);
    return containerOf(req).flatMap(c -> Panache.withTransaction(() -> networks.require(networkRef).flatMap(n ->
        attachments.deleteById(new AttachmentEntity.Key(c.id(), n.id)).map(deleted -> {
          if (!deleted) {
            throw new NotFoundException("container " + c.id() + " is not connected to network " + n.name);
          }
          return null;
        }))));
  }

  private Uni<ContainerServiceClient.ContainerRef> containerOf(JsonNode req) {
    String ref = req.path("Container").asText("");
    if (ref.isEmpty()) {
      return Uni.createFrom().failure(new InvalidArgumentException("container is required"));
    }
    return containers.find(ref).map(c -> {
      if (c.running()) {
        throw new NotImplementedException("connecting or disconnecting a running container is not supported by Berth yet:"
            + " stop it, connect or disconnect, then start it");
      }
      return c;
    });
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
