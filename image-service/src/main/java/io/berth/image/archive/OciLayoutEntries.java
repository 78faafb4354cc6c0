package io.berth.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.error.InvalidArgumentException;
import io.berth.oci.MediaTypes;
import io.berth.oci.image.OciJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A pure OCI image layout tar ({@code index.json}, no {@code manifest.json}) read as the entries
 * of a docker-archive {@code manifest.json} ({@code Config}, {@code Layers}, {@code RepoTags}), so
 * one loader checks and publishes both formats. Nested indexes resolve to linux/amd64 (or the only
 * entry); names come from the {@code io.containerd.image.name} annotation, or from {@code
 * org.opencontainers.image.ref.name} when that is a full reference; otherwise the image loads
 * untagged, as Docker does.
 */
final class OciLayoutEntries {
  static final String CONTAINERD_NAME = "io.containerd.image.name";
  static final String REF_NAME = "org.opencontainers.image.ref.name";

  private OciLayoutEntries() {}

  static ArrayNode read(Map<String, Path> files, Path indexJson) throws IOException {
    ArrayNode entries = OciJson.mapper().createArrayNode();
    JsonNode index = OciJson.mapper().readTree(indexJson.toFile());
    for (JsonNode d : index.path("manifests")) {
      JsonNode manifest = resolve(files, d, 0);
      if (manifest == null) {
        continue;
      }
      ObjectNode e = entries.addObject();
      e.put("Config", blobPath(manifest.path("config")));
      ArrayNode layers = e.putArray("Layers");
      manifest.path("layers").forEach(l -> layers.add(blobPath(l)));
      ArrayNode tags = e.putArray("RepoTags");
      String name = name(d.path("annotations"));
      if (name != null) {
        tags.add(name);
      }
    }
    if (entries.isEmpty()) {
      throw new InvalidArgumentException("invalid archive: index.json lists no image manifests");
    }
    return entries;
  }

  /** The image manifest a descriptor leads to (through at most one nested index), or null for artifacts. */
  private static JsonNode resolve(Map<String, Path> files, JsonNode descriptor, int depth) throws IOException {
    String type = descriptor.path("mediaType").asText("");
    JsonNode doc = OciJson.mapper().readTree(file(files, blobPath(descriptor)).toFile());
    if (MediaTypes.INDEXES.contains(type) || (type.isEmpty() && doc.has("manifests"))) {
      if (depth > 0) {
        return null;
      }
      JsonNode chosen = null;
      for (JsonNode m : doc.path("manifests")) {
        JsonNode p = m.path("platform");
        if (p.path("os").asText("linux").equals("linux") && p.path("architecture").asText("amd64").equals("amd64")) {
          chosen = m;
          break;
        }
      }
      if (chosen == null && doc.path("manifests").size() == 1) {
        chosen = doc.path("manifests").get(0);
      }
      return chosen == null ? null : resolve(files, chosen, depth + 1);
    }
    return doc.path("config").isObject() ? doc : null;
  }

  private static String name(JsonNode annotations) {
    String full = annotations.path(CONTAINERD_NAME).asText(null);
    if (full != null && !full.isEmpty()) {
      return full;
    }
    String ref = annotations.path(REF_NAME).asText(null);
    // A bare tag ("v1", "latest") names no repository: such images load untagged.
    return ref != null && (ref.contains("/") || ref.contains(":")) ? ref : null;
  }

  private static String blobPath(JsonNode descriptor) {
    String digest = descriptor.path("digest").asText("");
    int colon = digest.indexOf(':');
    if (colon < 1 || digest.indexOf('/') >= 0 || digest.contains("..")) {
      throw new InvalidArgumentException("invalid archive: a descriptor with the digest \"" + digest + "\"");
    }
    return "blobs/" + digest.substring(0, colon) + "/" + digest.substring(colon + 1);
  }

  private static Path file(Map<String, Path> files, String name) {
    Path f = files.get(name);
    if (f == null) {
      throw new InvalidArgumentException("invalid archive: " + name + " is listed in index.json but missing");
    }
    return f;
  }
}
