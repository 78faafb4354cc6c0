package io.berth.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.oci.Digest;
import io.berth.oci.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the registry needs from a received manifest or index: its media type, what it references
 * (blobs, or child manifests for an index), its subject and artifact type. Parsed leniently as a
 * tree, so artifacts with any config media type are accepted; the bytes themselves are kept as sent.
 */
record ManifestDocument(
    String mediaType, boolean index, List<Digest> blobs, List<Digest> children, Digest subject,
    String artifactType, Map<String, String> annotations) {

  static ManifestDocument parse(ObjectMapper json, byte[] content, String contentType) {
    JsonNode root;
    try {
      root = json.readTree(content);
    } catch (IOException e) {
      throw invalid("not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw invalid("not a JSON object");
    }
    if (root.path("schemaVersion").asInt() != 2) {
      throw invalid("schemaVersion must be 2");
    }
    String declared = root.path("mediaType").asText(null);
    String type = contentType != null && !contentType.isBlank() ? contentType : declared;
    if (type == null) {
      throw invalid("no media type: send Content-Type or a mediaType field");
    }
    if (declared != null && !declared.equals(type)) {
      throw invalid("mediaType " + declared + " does not match Content-Type " + type);
    }
    boolean index = MediaTypes.INDEXES.contains(type) || (!MediaTypes.MANIFESTS.contains(type) && root.has("manifests"));
    List<Digest> blobs = new ArrayList<>();
    List<Digest> children = new ArrayList<>();
    if (index) {
      for (JsonNode m : array(root, "manifests")) {
        children.add(digest(m));
      }
    } else {
      if (!root.path("config").isObject()) {
        throw invalid("an image manifest needs a config descriptor");
      }
      blobs.add(digest(root.get("config")));
      for (JsonNode l : array(root, "layers")) {
        blobs.add(digest(l));
      }
    }
    Digest subject = root.path("subject").isObject() ? digest(root.get("subject")) : null;
    String artifactType = root.path("artifactType").asText(null);
    if (artifactType == null && !index) {
      artifactType = root.path("config").path("mediaType").asText(null);
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    root.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
    return new ManifestDocument(type, index, blobs, children, subject, artifactType, annotations);
  }

  private static Iterable<JsonNode> array(JsonNode root, String field) {
    JsonNode a = root.path(field);
    if (a.isMissingNode() || a.isNull()) {
      return List.of();
    }
    if (!a.isArray()) {
      throw invalid(field + " must be an array");
    }
    return a;
  }

  private static Digest digest(JsonNode descriptor) {
    try {
      return Digest.parse(descriptor.path("digest").asText(null));
    } catch (IllegalArgumentException e) {
      throw invalid("descriptor with an invalid digest: " + e.getMessage());
    }
  }

  private static RegistryException invalid(String reason) {
    return new RegistryException(RegistryErrorCode.MANIFEST_INVALID, Map.of("reason", reason));
  }
}
