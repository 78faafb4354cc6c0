package io.berth.container.volume;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.ConflictException;
import io.berth.common.error.InvalidArgumentException;
import io.berth.common.error.NotFoundException;
import io.berth.container.container.ContainerEvents;
import io.berth.container.container.ContainerFilters;
import io.berth.events.volume.v1.RemoveVolume;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Volumes as Docker's API shows them. container-service owns the records; the data is on the
 * nodes, so a removal sends {@code RemoveVolume} through the outbox and every node deletes its copy.
 */
@ApplicationScoped
public class VolumeService {
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private final VolumeRepository volumes;
  private final ContainerEvents events;
  private final ObjectMapper json;
  private final VolumePaths paths;

  public VolumeService(VolumeRepository volumes, ContainerEvents events, ObjectMapper json, VolumePaths paths) {
    this.volumes = volumes;
    this.events = events;
    this.json = json;
    this.paths = paths;
  }

  /** Makes the volume if it does not exist (inside the caller's transaction); races are fine. */
  public Uni<Void> ensure(String name, boolean anonymous, Map<String, String> labels, Map<String, String> options) {
    return Panache.getSession().flatMap(s -> s.createNativeQuery(
            "insert into " + volumes.table() + " (name, driver, labels, options, anonymous, created_at)"
                + " values (?1, 'local', ?2, ?3, ?4, ?5) on conflict (name) do nothing")
        .setParameter(1, name)
        .setParameter(2, write(labels))
        .setParameter(3, write(options))
        .setParameter(4, anonymous)
        .setParameter(5, Instant.now())
        .executeUpdate()).replaceWithVoid();
  }

  /** {@code POST /volumes/create}: an existing name answers with the existing volume, as Docker does. */
  public Uni<VolumeView> create(JsonNode body) {
    String name = body.path("Name").asText("");
    String driver = body.path("Driver").asText("");
    if (!driver.isEmpty() && !driver.equals("local")) {
      return Uni.createFrom().failure(new NotFoundException("plugin \"" + driver + "\" not found"));
    }
    if (name.isEmpty()) {
      name = MountParser.anonymousName();
    } else if (!MountParser.NAME.matcher(name).matches()) {
      return Uni.createFrom().failure(new InvalidArgumentException("create " + name + ": \"" + name
          + "\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed"));
    }
    if (body.path("DriverOpts").isObject() && !body.path("DriverOpts").isEmpty()) {
      // Refused rather than ignored: a device or type option would silently not be applied.
      return Uni.createFrom().failure(new InvalidArgumentException("volume driver options are not supported by Berth yet"));
    }
    String n = name;
    Map<String, String> labels = json.convertValue(body.path("Labels").isObject() ? body.get("Labels") : json.createObjectNode(), STRING_MAP);
    return Panache.withTransaction(() -> ensure(n, false, labels, Map.of()).flatMap(v -> volumes.findById(n)))
        .map(this::view);
  }

  public Uni<VolumeView> inspect(String name) {
    return Panache.withSession(() -> require(name)).map(this::view);
  }

  /** {@code GET /volumes?filters=}: dangling, name, label, driver. */
  public Uni<Map<String, Object>> list(String filters) {
    Map<String, List<String>> f = parseFilters(filters);
    return Panache.withSession(() -> volumes.listAll().flatMap(all -> volumes.unused().map(unused -> {
      List<VolumeView> out = new ArrayList<>();
      for (VolumeEntity v : all) {
        Map<String, String> labels = read(v.labels);
        boolean dangling = unused.contains(v.name);
        if (matches(f, "dangling", d -> (d.equals("true") || d.equals("1")) == dangling)
            && matches(f, "name", n -> v.name.contains(n))
            && matches(f, "driver", d -> d.equals(v.driver))
            && f.getOrDefault("label", List.of()).stream().allMatch(l -> ContainerFilters.labelMatches(l, labels))) {
          out.add(view(v));
        }
      }
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("Volumes", out);
      answer.put("Warnings", List.of());
      return answer;
    })));
  }

  /** {@code DELETE /volumes/{name}}: 409 while a container uses it; force only forgives absence. */
  public Uni<Void> remove(String name, boolean force) {
    return Panache.withTransaction(() -> volumes.findById(name).flatMap(v -> {
      if (v == null) {
        return force ? Uni.createFrom().voidItem()
            : Uni.createFrom().failure(new NotFoundException("get " + name + ": no such volume"));
      }
      return volumes.users(name).flatMap(users -> {
        if (!users.isEmpty()) {
          return Uni.createFrom().failure(new ConflictException(
              "remove " + name + ": volume is in use - [" + String.join(", ", users) + "]"));
        }
        return delete(name);
      });
    }));
  }

  /** {@code POST /volumes/prune}: every volume no container uses (API 1.41's rule). */
  public Uni<Map<String, Object>> prune(String filters) {
    Map<String, List<String>> f = parseFilters(filters);
    return Panache.withTransaction(() -> volumes.unused().flatMap(names -> volumes.list("name in ?1", names.isEmpty() ? List.of("") : names)
        .flatMap(candidates -> {
          List<String> gone = new ArrayList<>();
          Uni<Void> chain = Uni.createFrom().voidItem();
          for (VolumeEntity v : candidates) {
            Map<String, String> labels = read(v.labels);
            if (f.getOrDefault("label", List.of()).stream().allMatch(l -> ContainerFilters.labelMatches(l, labels))) {
              gone.add(v.name);
              chain = chain.flatMap(x -> delete(v.name));
            }
          }
          return chain.map(x -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("VolumesDeleted", gone);
            answer.put("SpaceReclaimed", 0);
            return answer;
          });
        })));
  }

  private Uni<Void> delete(String name) {
    return volumes.deleteRow(name).flatMap(v -> events.emit(new RemoveVolume(name)));
  }

  private Uni<VolumeEntity> require(String name) {
    return volumes.findById(name).onItem().ifNull()
        .failWith(() -> new NotFoundException("get " + name + ": no such volume"));
  }

  private VolumeView view(VolumeEntity v) {
    Map<String, String> labels = read(v.labels);
    Map<String, String> options = read(v.options);
    return new VolumeView(
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(v.createdAt.truncatedTo(ChronoUnit.SECONDS).atOffset(java.time.ZoneOffset.UTC)),
        v.driver, labels.isEmpty() ? null : labels, paths.mountpoint(v.name), v.name, options.isEmpty() ? null : options, "local");
  }

  private Map<String, List<String>> parseFilters(String filters) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (filters == null || filters.isBlank()) {
      return out;
    }
    try {
      JsonNode root = json.readTree(filters);
      root.fields().forEachRemaining(e -> {
        if (!List.of("dangling", "name", "label", "driver").contains(e.getKey())) {
          throw new InvalidArgumentException("invalid filter '" + e.getKey() + "'");
        }
        List<String> values = new ArrayList<>();
        if (e.getValue().isArray()) {
          e.getValue().forEach(x -> values.add(x.asText()));
        } else {
          e.getValue().fields().forEachRemaining(x -> values.add(x.getKey()));
        }
        out.put(e.getKey(), values);
      });
      return out;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidArgumentException("invalid filter: " + e.getOriginalMessage());
    }
  }

  private static boolean matches(Map<String, List<String>> f, String key, java.util.function.Predicate<String> test) {
    List<String> values = f.get(key);
    return values == null || values.isEmpty() || values.stream().anyMatch(test);
  }

  private String write(Map<String, String> map) {
    try {
      return json.writeValueAsString(map == null ? Map.of() : map);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, String> read(String text) {
    try {
      return text == null || text.isBlank() ? Map.of() : json.readValue(text, STRING_MAP);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Map.of();
    }
  }
}
