package io.berth.oci.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.berth.oci.Digest;
import java.util.List;
import java.util.Map;

/**
 * The wire form of an OCI image configuration: what runs, on which platform, from which layers.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/config.md">OCI image
 *     configuration</a>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"created", "author", "architecture", "os", "config", "rootfs", "history"})
public record ImageConfigJson(
    String created,
    String author,
    String architecture,
    String os,
    Config config,
    RootFs rootfs,
    List<History> history) {

  /** The execution parameters a container starts from; field names as the spec spells them. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonPropertyOrder({
    "User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes", "WorkingDir", "Labels",
    "StopSignal", "Healthcheck", "OnBuild", "Shell"
  })
  public record Config(
      @JsonProperty("User") String user,
      @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
      @JsonProperty("Env") List<String> env,
      @JsonProperty("Entrypoint") List<String> entrypoint,
      @JsonProperty("Cmd") List<String> cmd,
      @JsonProperty("Volumes") Map<String, Object> volumes,
      @JsonProperty("WorkingDir") String workingDir,
      @JsonProperty("Labels") Map<String, String> labels,
      @JsonProperty("StopSignal") String stopSignal,
      @JsonProperty("Healthcheck") Healthcheck healthcheck,
      @JsonProperty("OnBuild") List<String> onBuild,
      @JsonProperty("Shell") List<String> shell) {

    public static final Config EMPTY = new Config(null, null, null, null, null, null, null, null, null);

    /** The fields every image has; Healthcheck, OnBuild and Shell come from Dockerfile builds. */
    public Config(String user, Map<String, Object> exposedPorts, List<String> env, List<String> entrypoint,
        List<String> cmd, Map<String, Object> volumes, String workingDir, Map<String, String> labels,
        String stopSignal) {
      this(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, null, null, null);
    }
  }

  /**
   * Docker's HEALTHCHECK in an image config (a Docker extension the OCI spec tolerates): durations
   * in nanoseconds, {@code Test} {@code ["NONE"]} disables an inherited check.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonPropertyOrder({"Test", "Interval", "Timeout", "StartPeriod", "StartInterval", "Retries"})
  public record Healthcheck(
      @JsonProperty("Test") List<String> test,
      @JsonProperty("Interval") Long interval,
      @JsonProperty("Timeout") Long timeout,
      @JsonProperty("StartPeriod") Long startPeriod,
      @JsonProperty("StartInterval") Long startInterval,
      @JsonProperty("Retries") Integer retries) {}

  /** The layers' uncompressed digests, bottom first. */
  @JsonPropertyOrder({"type", "diff_ids"})
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RootFs(String type, @JsonProperty("diff_ids") List<Digest> diffIds) {
    public static RootFs layers(List<Digest> diffIds) {
      return new RootFs("layers", List.copyOf(diffIds));
    }
  }

  /** One step that made the image. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonPropertyOrder({"created", "created_by", "author", "comment", "empty_layer"})
  public record History(
      String created,
      @JsonProperty("created_by") String createdBy,
      String author,
      String comment,
      @JsonProperty("empty_layer") Boolean emptyLayer) {}
}
