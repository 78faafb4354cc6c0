package io.berth.container.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.error.InvalidArgumentException;
import io.berth.events.container.v1.UpdateContainer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;

/**
 * {@code docker update}: new resource limits are stored in the record's HostConfig (so inspect
 * shows them and the next start applies them) and, for a running container, sent to its node as
 * an UpdateContainer command, which applies them to the live cgroups.
 */
@ApplicationScoped
public class ContainerUpdateService {
  /**
   * The HostConfig fields docker update may change. The CLI sends every one of them, unset ones
   * as 0 (or null, ""): like dockerd, those mean "leave as it is".
   */
  static final List<String> UPDATABLE = List.of(
      "Memory", "MemorySwap", "MemoryReservation", "NanoCpus", "CpuShares", "CpuPeriod", "CpuQuota",
      "CpusetCpus", "CpusetMems", "PidsLimit", "BlkioWeight", "KernelMemory");

  /** Docker's answer body. */
  public record UpdateResponse(@com.fasterxml.jackson.annotation.JsonProperty("Warnings") List<String> warnings) {}

  private final ContainerService service;
  private final ContainerRepository containers;
  private final ContainerEvents events;
  private final ContainerMapper mapper;
  private final ObjectMapper json;

  public ContainerUpdateService(
      ContainerService service, ContainerRepository containers, ContainerEvents events, ContainerMapper mapper,
      ObjectMapper json) {
    this.service = service;
    this.containers = containers;
    this.events = events;
    this.mapper = mapper;
    this.json = json;
  }

  /** {@code POST /containers/{id}/update}. */
  public Uni<UpdateResponse> update(String ref, byte[] body) {
    JsonNode request;
    try {
      request = body == null || body.length == 0 ? json.createObjectNode() : json.readTree(body);
    } catch (IOException e) {
      return Uni.createFrom().failure(new InvalidArgumentException("malformed JSON: " + e.getMessage()));
    }
    if (request == null || !request.isObject()) {
      return Uni.createFrom().failure(new InvalidArgumentException("malformed JSON: the request body must be a JSON object"));
    }
    return Panache.withTransaction(() -> service.require(ref)
        .flatMap(c -> containers.findForUpdate(c.id))
        .flatMap(c -> {
          if (c.state == ContainerState.REMOVING || c.state == ContainerState.DEAD) {
            return Uni.createFrom().failure(new io.berth.common.error.ConflictException(
                "Cannot update container " + c.id + ": container is marked for removal and cannot be \"update\""));
          }
          ObjectNode hostConfig = (ObjectNode) mapper.tree(c.hostConfig).deepCopy();
          merge(request, hostConfig);
          HostOptions.validate(hostConfig); // 400 with Docker's wording, nothing stored
          c.hostConfig = mapper.json(hostConfig);
          var resources = HostOptions.resources(hostConfig);
          Uni<Void> applied = c.isRunning() && resources != null
              ? events.emit(new UpdateContainer(c.id, c.nodeId, resources))
              : Uni.createFrom().voidItem(); // stored: the next start applies it
          return applied.replaceWith(new UpdateResponse(List.of()));
        }));
  }

  /** Copies the set fields of {@code request} (resources and the restart policy) into {@code hostConfig}. */
  static void merge(JsonNode request, ObjectNode hostConfig) {
    for (String field : UPDATABLE) {
      JsonNode v = request.get(field);
      if (v == null || v.isNull() || (v.isNumber() && v.asLong() == 0) || (v.isTextual() && v.asText().isEmpty())) {
        continue;
      }
      hostConfig.set(field, v);
    }
    JsonNode restart = request.path("RestartPolicy");
    if (restart.isObject() && !restart.path("Name").asText("").isEmpty()) {
      hostConfig.set("RestartPolicy", restart);
    }
  }
}
