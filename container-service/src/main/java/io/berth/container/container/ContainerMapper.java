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

  public ContainerMapper(ObjectMapper mapper) {
    this.mapper = mapper;
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
        List.of());
  }

  public ContainerInspectResponse inspect(ContainerEntity c) {
    JsonNode config = tree(c.config);
    List<String> argv = ContainerConfigMerger.argv(config);
    var state = new ContainerInspectResponse.State(
        c.state.dockerName(),
        c.state == ContainerState.RUNNING,
        false,
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
        List.of(),
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
