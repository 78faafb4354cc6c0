package io.berth.container.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.BerthException;
import io.berth.common.error.NotFoundException;
import io.berth.container.volume.MountParser;
import io.berth.container.volume.MountSpec;
import io.berth.container.volume.VolumeRepository;
import io.berth.container.volume.VolumeService;
import io.berth.events.container.v1.ContainerMount;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A container's mounts at create: {@code -v}, {@code --mount}, the image's VOLUMEs and {@code
 * --volumes-from}, resolved once and kept with the record; the volumes they name are made and
 * marked in use in the create transaction.
 */
@ApplicationScoped
public class ContainerMounts {
  private final ContainerRepository containers;
  private final ContainerMapper mapper;
  private final VolumeService volumes;
  private final VolumeRepository uses;

  public ContainerMounts(ContainerRepository containers, ContainerMapper mapper, VolumeService volumes, VolumeRepository uses) {
    this.containers = containers;
    this.mapper = mapper;
    this.volumes = volumes;
    this.uses = uses;
  }

  /** The mounts {@code config} (merged with the image) and {@code hostConfig} ask for. */
  public Uni<List<MountSpec>> resolve(JsonNode config, JsonNode hostConfig) {
    Map<String, MountSpec> requested;
    try {
      requested = MountParser.parse(config, hostConfig);
    } catch (BerthException e) {
      return Uni.createFrom().failure(e);
    }
    Uni<Map<String, MountSpec>> all = Uni.createFrom().item(requested);
    for (JsonNode from : hostConfig.path("VolumesFrom")) {
      String[] parts = from.asText("").split(":", 2);
      String mode = parts.length == 2 ? parts[1] : "";
      all = all.flatMap(acc -> containers.resolve(parts[0]).map(found -> {
        ContainerEntity other = found.orElseThrow(() -> new NotFoundException("No such container: " + parts[0]));
        for (MountSpec m : mapper.mounts(other)) {
          // Explicit mounts win over inherited ones at the same destination, as in Docker.
          MountSpec inherited = mode.isEmpty() ? m : m.withReadOnly(mode.equals("ro"));
          acc.putIfAbsent(m.destination(), new MountSpec(inherited.type(), inherited.name(), inherited.source(),
              inherited.destination(), inherited.readOnly(), inherited.mode(), inherited.noCopy(), false));
        }
        return acc;
      }));
    }
    return all.map(map -> List.copyOf(map.values()));
  }

  /** Makes the named volumes and records their use by {@code containerId} (after its row exists). */
  public Uni<Void> attach(String containerId, List<MountSpec> mounts) {
    Uni<Void> chain = Panache.getSession().flatMap(s -> s.flush());
    for (MountSpec m : mounts) {
      if (m.isVolume()) {
        chain = chain.flatMap(v -> volumes.ensure(m.name(), m.anonymous(), Map.of(), Map.of()))
            .flatMap(v -> uses.addUse(containerId, m.name()));
      }
    }
    return chain;
  }

  /** What the node must mount. */
  public static List<ContainerMount> forNode(List<MountSpec> mounts) {
    List<ContainerMount> out = new ArrayList<>();
    for (MountSpec m : mounts) {
      out.add(new ContainerMount(m.type(), m.isVolume() ? m.name() : m.source(), m.destination(), m.readOnly(), m.noCopy()));
    }
    return out;
  }
}
