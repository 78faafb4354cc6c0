package io.berth.oci.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.berth.oci.Digest;
import java.util.List;
import java.util.Map;

/**
 * The wire form of an OCI image index (also reads Docker manifest lists, same shape).
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-index.md">OCI image
 *     index</a>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"schemaVersion", "mediaType", "manifests", "annotations"})
public record IndexJson(
    int schemaVersion,
    String mediaType,
    List<Entry> manifests,
    Map<String, String> annotations) {

  public IndexJson {
    manifests = manifests == null ? List.of() : List.copyOf(manifests);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /** A descriptor of one manifest in the index, with the platform it is for. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonPropertyOrder({"mediaType", "digest", "size", "platform", "annotations"})
  public record Entry(
      String mediaType,
      Digest digest,
      long size,
      Platform platform,
      Map<String, String> annotations) {}

  /** The platform a manifest runs on. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonPropertyOrder({"architecture", "os", "os.version", "os.features", "variant"})
  public record Platform(
      String architecture,
      String os,
      @JsonProperty("os.version") String osVersion,
      @JsonProperty("os.features") List<String> osFeatures,
      String variant) {}
}
