package io.berth.container.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.error.ConflictException;
import io.berth.common.error.NotFoundException;
import io.berth.container.container.ContainerEntity;
import io.berth.container.container.ContainerRepository;
import io.berth.events.EventCodec;
import io.berth.events.container.v1.ContainerNetwork;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A container's networking at start: asks network-service for its endpoints and published ports
 * (the wiring goes into RunContainer, the NetworkSettings onto the record for inspect and
 * {@code docker port}). network-service releases them itself when the container dies or is
 * removed; {@link #release} is for a start that fails before the node got the command.
 */
@ApplicationScoped
public class ContainerNetworking {
  /** What a start allocated. */
  public record Wiring(String containerId, ContainerNetwork network, String settingsJson) {}

  private final NetworkServiceClient client;
  private final ContainerRepository containers;
  private final ObjectMapper mapper;
  private final boolean enabled;

  public ContainerNetworking(
      NetworkServiceClient client, ContainerRepository containers, ObjectMapper mapper,
      @ConfigProperty(name = "berth.network.enabled", defaultValue = "true") boolean enabled) {
    this.client = client;
    this.containers = containers;
    this.mapper = mapper;
    this.enabled = enabled;
  }

  /** Allocates the wiring of {@code c}'s next run (needs a session for {@code container:<ref>}). */
  public Uni<Wiring> prepare(ContainerEntity c) {
    if (!enabled) {
      return Uni.createFrom().nullItem();
    }
    JsonNode hostConfig = tree(c.hostConfig);
    String mode = hostConfig.path("NetworkMode").asText("");
    Uni<String> join = Uni.createFrom().nullItem();
    if (mode.startsWith("container:")) {
      String ref = mode.substring("container:".length());
      join = containers.resolve(ref).map(found -> {
        ContainerEntity other = found.orElseThrow(() -> new NotFoundException("No such container: " + ref));
        if (!other.isRunning()) {
          throw new ConflictException("cannot join network of a non running container: " + other.id);
        }
        return other.id;
      });
    }
    // The session of the caller is bound to this Vert.x context: come back to it after the call.
    io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
    return join.flatMap(joinId -> {
      ObjectNode req = mapper.createObjectNode();
      req.put("containerId", c.id);
      req.put("name", c.name);
      req.set("config", tree(c.config));
      req.set("hostConfig", hostConfig);
      req.set("networkingConfig", tree(c.networkingConfig));
      req.put("joinContainerId", joinId);
      Uni<JsonNode> answer = client.allocate(req);
      return context == null ? answer : answer.emitOn(r -> context.runOnContext(v -> r.run()));
    }).map(answer -> {
      try {
        ContainerNetwork net = EventCodec.mapper().treeToValue(answer.get("network"), ContainerNetwork.class);
        return new Wiring(c.id, net, answer.path("settings").toString());
      } catch (java.io.IOException e) {
        throw new IllegalStateException("network-service sent an unreadable wiring", e);
      }
    });
  }

  /** Gives back what {@link #prepare} allocated; failures are only logged by the caller. */
  public Uni<Void> release(String containerId) {
    return enabled ? client.release(containerId) : Uni.createFrom().voidItem();
  }

  private JsonNode tree(String json) {
    try {
      return json == null || json.isBlank() ? mapper.createObjectNode() : mapper.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
