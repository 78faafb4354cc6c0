package io.berth.container.container;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.container.api.ContainerInspectResponse;
import io.berth.container.api.ContainerSummary;
import io.berth.container.network.NetworkSettingsView;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns stored records into Docker's wire shapes (and their JSON columns back into trees). */
@ApplicationScoped
public class ContainerMapper {
  /** Go's zero {@code time.Time} as Docker prints it for "never". */
  public static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private final ObjectMapper mapper;
  private final io.berth.container.volume.VolumePaths volumes;

  public ContainerMapper(ObjectMapper mapper, io.berth.container.volume.VolumePaths volumes) {
    this.mapper = mapper;
    this.volumes = volumes;
  }

  /** The container's resolved mounts. */
  public List<io.berth.container.volume.MountSpec> mounts(ContainerEntity c) {
    if (c.mounts == null || c.mounts.isBlank()) {
      return List.of();
    }
    try {
      return mapper.readValue(c.mounts, new TypeReference<List<io.berth.container.volume.MountSpec>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // Docker's MountPoint objects (inspect's and ps's "Mounts").
  private List<Object> mountViews(ContainerEntity c) {
    List<Object> out = new java.util.ArrayList<>();
    for (io.berth.container.volume.MountSpec m : mounts(c)) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("Type", m.type());
      if (m.isVolume()) {
        v.put("Name", m.name());
        v.put("Source", volumes.mountpoint(m.name()));
      } else {
        v.put("Source", m.source());
      }
      v.put("Destination", m.destination());
      if (m.isVolume()) {
        v.put("Driver", "local");
      }
      v.put("Mode", m.mode() == null ? "" : m.mode());
      v.put("RW", !m.readOnly());
      v.put("Propagation", m.isVolume() ? "" : "rprivate");
      out.add(v);
    }
    return out;
  }

  public ContainerSummary summary(ContainerEntity c, Instant now) {
    JsonNode config = tree(c.config);
    String networkMode = tree(c.hostConfig).path("NetworkMode").asText("default");
    return new ContainerSummary(
        c.id,
        List.of("/" + c.name),
        c.image,
        c.imageId,
        String.join(" ", ContainerConfigMerger.argv(config)),
        c.createdAt.getEpochSecond(),
        NetworkSettingsView.summaryPorts(c.networkSettings, c.isRunning()),
        labels(c),
        c.state.dockerName(),
        ContainerStatusText.of(c, now),
        new ContainerSummary.HostConfigSummary(networkMode.isEmpty() ? "default" : networkMode),
        new ContainerSummary.NetworkSettingsSummary(
            NetworkSettingsView.summaryNetworks(c.networkSettings, c.isRunning(), networkMode)),
        mountViews(c));
  }

  public ContainerInspectResponse inspect(ContainerEntity c) {
    JsonNode config = tree(c.config);
    List<String> argv = ContainerConfigMerger.argv(config);
    var state = new ContainerInspectResponse.State(
        c.state.dockerName(),
        c.isRunning(),
        c.state == ContainerState.PAUSED,
        false,
        c.oomKilled,
        c.state == ContainerState.DEAD,
        c.pid == null ? 0 : c.pid,
        c.exitCode,
        c.error == null ? "" : c.error,
        time(c.startedAt),
        time(c.finishedAt));
    return new ContainerInspectResponse(
        c.id,
        time(c.createdAt),
        argv.isEmpty() ? "" : argv.get(0),
        argv.isEmpty() ? List.of() : argv.subList(1, argv.size()),
        state,
        c.imageId,
        "", "", "", "",
        "/" + c.name,
        c.restartCount,
        "overlay",
        "linux",
        "", "", "",
        null,
        tree(c.hostConfig),
        new ContainerInspectResponse.GraphDriver(Map.of(), "overlay"),
        mountViews(c),
        config,
        NetworkSettingsView.inspect(c.networkSettings, c.isRunning(),
            tree(c.hostConfig).path("NetworkMode").asText("")));
  }

  /** The labels column as a map. */
  public Map<String, String> labels(ContainerEntity c) {
    if (c.labels == null || c.labels.isBlank()) {
      return Map.of();
    }
    try {
      return mapper.readValue(c.labels, new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public JsonNode tree(String json) {
    try {
      return json == null ? mapper.createObjectNode() : mapper.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String time(Instant t) {
    return t == null ? ZERO_TIME : t.toString();
  }
}
