package io.berth.container.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.error.InvalidArgumentException;
import io.berth.common.error.UnavailableException;
import io.berth.container.api.ContainerCreateResponse;
import io.berth.container.api.ContainerInspectResponse;
import io.berth.container.api.ContainerSummary;
import io.berth.container.api.InternalContainerResponse;
import io.berth.container.image.ImageServiceClient;
import io.berth.container.image.ResolvedImage;
import io.berth.container.node.NodeRepository;
import io.berth.container.node.NodeScheduler;
import io.berth.events.container.v1.ContainerCreated;
import io.berth.events.container.v1.ContainerRenamed;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Creating, listing, inspecting and renaming container records. */
@ApplicationScoped
public class ContainerService {
  private final ContainerRepository containers;
  private final NodeRepository nodes;
  private final NodeScheduler scheduler;
  private final ImageServiceClient images;
  private final ContainerEvents events;
  private final ContainerMapper mapper;
  private final ObjectMapper json;

  public ContainerService(
      ContainerRepository containers, NodeRepository nodes, NodeScheduler scheduler,
      ImageServiceClient images, ContainerEvents events, ContainerMapper mapper, ObjectMapper json,
      ContainerMounts mounts) {
    this.mounts = mounts;
    this.containers = containers;
    this.nodes = nodes;
    this.scheduler = scheduler;
    this.images = images;
    this.events = events;
    this.mapper = mapper;
    this.json = json;
  }

  private final ContainerMounts mounts;

  /** A created container: Docker's answer, and where it lives (for the gateway's attach and wait). */
  public record Created(ContainerCreateResponse answer, InternalContainerResponse location) {}

  /** {@code POST /containers/create}: validates, resolves the image, schedules, stores. */
  public Uni<Created> create(String name, byte[] body) {
    ObjectNode request = parseCreateRequest(body);
    String image = request.path("Image").asText("");
    if (image.isEmpty()) {
      return Uni.createFrom().failure(new InvalidArgumentException("Config cannot be empty in order to create a container"));
    }
    if (name != null && !name.isEmpty() && !ContainerNames.isValid(name)) {
      return Uni.createFrom().failure(ContainerErrors.invalidName(name));
    }
    if (request.path("HostConfig").isObject()) {
      try {
        HostOptions.validate(request.get("HostConfig"));
      } catch (io.berth.common.error.BerthException e) {
        return Uni.createFrom().failure(e);
      }
    }
    AtomicReference<String> nodeAddress = new AtomicReference<>();
    return images.resolve(image)
        .map(found -> found.orElseThrow(() -> ContainerErrors.noSuchImage(image)))
        .flatMap(resolved -> Panache.withTransaction(() -> store(name, image, request, resolved, nodeAddress)))
        .onFailure(ContainerService::isNameConstraint)
        .transform(e -> new io.berth.common.error.ConflictException(
            "Conflict. The container name \"/" + ContainerNames.normalize(name) + "\" is already in use."
                + " You have to remove (or rename) that container to be able to reuse that name."))
        .map(c -> new Created(new ContainerCreateResponse(c.id, List.of()), new InternalContainerResponse(c.id, c.name,
            c.nodeId, nodeAddress.get(), c.state.dockerName(), images.baseUrl(), c.repository, c.manifestDigest)));
  }

  private Uni<ContainerEntity> store(String name, String image, ObjectNode request, ResolvedImage resolved,
      AtomicReference<String> nodeAddress) {
    ContainerEntity c = new ContainerEntity();
    c.id = ContainerIds.newId();
    ObjectNode config = ContainerConfigMerger.merge(request, resolved.runtimeConfig(), c.id);
    if (ContainerConfigMerger.argv(config).isEmpty()) {
      return Uni.createFrom().failure(new InvalidArgumentException("No command specified"));
    }
    JsonNode hostConfig = request.path("HostConfig").isObject() ? request.get("HostConfig") : json.createObjectNode();
    c.image = image;
    c.imageId = resolved.dockerId();
    c.manifestDigest = resolved.manifestDigest();
    c.repository = resolved.repository();
    c.config = mapper.json(config);
    c.hostConfig = mapper.json(hostConfig);
    c.networkingConfig = request.path("NetworkingConfig").isObject() ? mapper.json(request.get("NetworkingConfig")) : null;
    c.labels = mapper.json(config.path("Labels").isObject() ? config.get("Labels") : json.createObjectNode());
    c.state = ContainerState.CREATED;
    c.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    c.autoRemove = hostConfig.path("AutoRemove").asBoolean(false);
    java.util.List<io.berth.container.volume.MountSpec> resolvedMounts = new java.util.ArrayList<>();
    return mounts.resolve(config, hostConfig)
        .invoke(resolvedMounts::addAll)
        .flatMap(m -> scheduler.pick())
        .map(node -> node.orElseThrow(() -> new UnavailableException(
            "no node is available to run containers: no node-runtime heartbeat received recently")))
        .flatMap(node -> {
          c.nodeId = node.id;
          nodeAddress.set(node.address);
          c.mounts = mapper.json(json.valueToTree(resolvedMounts));
          return chooseName(name, 0);
        })
        .flatMap(chosen -> {
          c.name = chosen;
          return containers.persist(c);
        })
        .flatMap(saved -> mounts.attach(c.id, resolvedMounts))
        .flatMap(saved -> events.emit(new ContainerCreated(
            c.id, c.name, c.image, c.manifestDigest, mapper.labels(c), c.createdAt)))
        .replaceWith(c);
  }

  // A given name must be free; a generated one is retried, as Docker does, until it is.
  private Uni<String> chooseName(String requested, int attempt) {
    String candidate = requested != null && !requested.isEmpty()
        ? ContainerNames.normalize(requested) : ContainerNames.generate(attempt);
    return containers.findByName(candidate).flatMap(owner -> {
      if (owner == null) {
        return Uni.createFrom().item(candidate);
      }
      if (requested != null && !requested.isEmpty()) {
        return Uni.createFrom().failure(ContainerErrors.nameInUse(candidate, owner.id));
      }
      return attempt < 10 ? chooseName(null, attempt + 1)
          : Uni.createFrom().failure(new IllegalStateException("could not generate a free container name"));
    });
  }

  /** {@code GET /containers/json}. */
  @WithSession
  public Uni<List<ContainerSummary>> list(boolean all, int limit, String filters) {
    ContainerFilters f;
    try {
      f = ContainerFilters.parse(filters, json);
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().failure(new InvalidArgumentException(e.getMessage()));
    }
    boolean everyState = all || limit > 0 || f.hasStatus();
    Instant now = Instant.now();
    return containers.listNewestFirst().map(list -> list.stream()
        .filter(c -> everyState || c.isRunning())
        .filter(c -> f.matches(c, mapper.labels(c)))
        .limit(limit > 0 ? limit : Long.MAX_VALUE)
        .map(c -> mapper.summary(c, now))
        .toList());
  }

  /** {@code GET /containers/{id}/json}. */
  @WithSession
  public Uni<ContainerInspectResponse> inspect(String ref) {
    return require(ref).map(mapper::inspect);
  }

  /** {@code POST /containers/{id}/rename?name=}. */
  public Uni<Void> rename(String ref, String newName) {
    if (newName == null || newName.isEmpty()) {
      return Uni.createFrom().failure(new InvalidArgumentException("Neither old nor new names may be empty"));
    }
    if (!ContainerNames.isValid(newName)) {
      return Uni.createFrom().failure(ContainerErrors.invalidName(newName));
    }
    String name = ContainerNames.normalize(newName);
    return Panache.withTransaction(() -> require(ref)
        .flatMap(c -> containers.findForUpdate(c.id))
        .flatMap(c -> {
          if (c.name.equals(name)) {
            return Uni.createFrom().failure(new InvalidArgumentException(
                "Renaming a container with the same name as its current name"));
          }
          return containers.findByName(name).flatMap(owner -> {
            if (owner != null) {
              return Uni.createFrom().failure(ContainerErrors.nameInUse(name, owner.id));
            }
            String old = c.name;
            c.name = name;
            return events.emit(new ContainerRenamed(c.id, old, name, c.image, Instant.now()));
          });
        }))
        .onFailure(ContainerService::isNameConstraint)
        .transform(e -> ContainerErrors.nameInUse(name, "?"));
  }

  /** {@code GET /internal/containers/{idOrName}}: where the gateway proxies streams to. */
  @WithSession
  public Uni<InternalContainerResponse> locate(String ref) {
    return require(ref).flatMap(c -> (c.nodeId == null ? Uni.createFrom().<io.berth.container.node.NodeEntity>nullItem() : nodes.findById(c.nodeId))
        .map(n -> new InternalContainerResponse(c.id, c.name, c.nodeId, n == null ? null : n.address, c.state.dockerName(),
            images.baseUrl(), c.repository, c.manifestDigest)));
  }

  /** The container {@code ref} designates, or Docker's 404. Call inside a session. */
  public Uni<ContainerEntity> require(String ref) {
    Uni<java.util.Optional<ContainerEntity>> found;
    try {
      found = containers.resolve(ref);
    } catch (ContainerResolver.AmbiguousReferenceException e) {
      return Uni.createFrom().failure(new InvalidArgumentException(e.getMessage()));
    }
    return found
        .onFailure(ContainerResolver.AmbiguousReferenceException.class)
        .transform(e -> new InvalidArgumentException(e.getMessage()))
        .map(c -> c.orElseThrow(() -> ContainerErrors.noSuchContainer(ref)));
  }

  private ObjectNode parseCreateRequest(byte[] body) {
    if (body == null || body.length == 0) {
      throw new InvalidArgumentException("Config cannot be empty in order to create a container");
    }
    try {
      JsonNode node = json.readTree(body);
      if (node == null || !node.isObject()) {
        throw new InvalidArgumentException("malformed JSON: the request body must be a JSON object");
      }
      return (ObjectNode) node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidArgumentException("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidArgumentException("malformed JSON: " + e.getMessage());
    }
  }

  static boolean isNameConstraint(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).contains("containers_name_unique")) {
        return true;
      }
    }
    return false;
  }

  /** Labels of a record, for filters and events. */
  public Map<String, String> labels(ContainerEntity c) {
    return mapper.labels(c);
  }
}
