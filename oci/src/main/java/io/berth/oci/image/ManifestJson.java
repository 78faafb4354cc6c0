package io.berth.oci.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.berth.oci.Descriptor;
import java.util.List;
import java.util.Map;

/**
 * The wire form of an OCI image manifest (also reads Docker schema 2 manifests, same shape).
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/manifest.md">OCI image
 *     manifest</a>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"schemaVersion", "mediaType", "config", "layers", "annotations"})
public record ManifestJson(
    int schemaVersion,
    String mediaType,
    Descriptor config,
    List<Descriptor> layers,
    Map<String, String> annotations) {

  public ManifestJson {
    layers = layers == null ? List.of() : List.copyOf(layers);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /** An OCI (schemaVersion 2) manifest of {@code config} and {@code layers}. */
  public static ManifestJson oci(Descriptor config, List<Descriptor> layers) {
    return new ManifestJson(2, io.berth.oci.MediaTypes.OCI_MANIFEST, config, layers, Map.of());
  }
}
