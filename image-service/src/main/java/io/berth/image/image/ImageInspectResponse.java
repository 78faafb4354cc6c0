package io.berth.image.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** {@code GET /images/{name}/json} (Docker's ImageInspect, the fields Berth knows). */
public record ImageInspectResponse(
    @JsonProperty("Id") String id,
    @JsonProperty("RepoTags") List<String> repoTags,
    @JsonProperty("RepoDigests") List<String> repoDigests,
    @JsonProperty("Parent") String parent,
    @JsonProperty("Comment") String comment,
    @JsonProperty("Created") String created,
    @JsonProperty("DockerVersion") String dockerVersion,
    @JsonProperty("Author") String author,
    @JsonProperty("Config") Config config,
    @JsonProperty("Architecture") String architecture,
    @JsonProperty("Os") String os,
    @JsonProperty("Size") long size,
    @JsonProperty("VirtualSize") long virtualSize,
    @JsonProperty("RootFS") RootFs rootFs,
    @JsonProperty("Metadata") Map<String, Object> metadata) {

  /** The image's container defaults. */
  public record Config(
      @JsonProperty("User") String user,
      @JsonProperty("Env") List<String> env,
      @JsonProperty("Cmd") List<String> cmd,
      @JsonProperty("Entrypoint") List<String> entrypoint,
      @JsonProperty("WorkingDir") String workingDir,
      @JsonProperty("Labels") Map<String, String> labels,
      @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
      @JsonProperty("Volumes") Map<String, Object> volumes,
      @JsonProperty("StopSignal") String stopSignal,
      @JsonProperty("Healthcheck") io.berth.oci.image.ImageConfigJson.Healthcheck healthcheck,
      @JsonProperty("OnBuild") List<String> onBuild,
      @JsonProperty("Shell") List<String> shell) {}

  /** The layer diffIDs, bottom first. */
  public record RootFs(@JsonProperty("Type") String type, @JsonProperty("Layers") List<String> layers) {}
}
