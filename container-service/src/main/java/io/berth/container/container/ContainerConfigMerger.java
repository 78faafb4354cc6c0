package io.berth.container.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Fills a create request's ContainerConfig with the image's defaults the way Docker does when it
 * creates a container: Env entries merged by key, Cmd and Entrypoint taken from the image only when
 * the user gave no Entrypoint, WorkingDir/User/Labels/ExposedPorts/Volumes/StopSignal as fallbacks.
 */
public final class ContainerConfigMerger {
  private ContainerConfigMerger() {}

  /**
   * The stored Config: {@code request} without HostConfig/NetworkingConfig, merged with {@code
   * image} (an OCI/Docker image config object; may be null). Hostname defaults to the short id.
   */
  public static ObjectNode merge(ObjectNode request, JsonNode image, String containerId) {
    ObjectNode config = request.deepCopy();
    config.remove("HostConfig");
    config.remove("NetworkingConfig");
    JsonNode img = image == null ? JsonNodeFactory.instance.objectNode() : image;

    config.set("Env", mergeEnv(img.get("Env"), config.get("Env")));
    if (isEmptyList(config.get("Entrypoint"))) {
      if (isEmptyList(config.get("Cmd")) && hasValue(img.get("Cmd"))) {
        config.set("Cmd", img.get("Cmd").deepCopy());
      }
      if (isNull(config.get("Entrypoint")) && hasValue(img.get("Entrypoint"))) {
        config.set("Entrypoint", img.get("Entrypoint").deepCopy());
      }
    }
    fallbackText(config, img, "WorkingDir");
    fallbackText(config, img, "User");
    fallbackText(config, img, "StopSignal");
    mergeObject(config, img, "Labels");
    mergeObject(config, img, "ExposedPorts");
    mergeObject(config, img, "Volumes");
    if (config.path("Hostname").asText("").isEmpty()) {
      config.put("Hostname", ContainerIds.shortId(containerId));
    }
    return config;
  }

  /** {@code Entrypoint + Cmd}: the process the node executes (argv). */
  public static List<String> argv(JsonNode config) {
    List<String> argv = new ArrayList<>(strings(config.get("Entrypoint")));
    argv.addAll(strings(config.get("Cmd")));
    return argv;
  }

  /** A JSON string array (or a single string) as a list; null/absent = empty. */
  public static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isTextual()) {
      out.add(node.asText());
      return out;
    }
    node.forEach(n -> out.add(n.asText()));
    return out;
  }

  // User entries win; image entries whose key the user did not set are kept, image order first.
  private static JsonNode mergeEnv(JsonNode image, JsonNode user) {
    List<String> userEnv = strings(user);
    List<String> imageEnv = strings(image);
    if (userEnv.isEmpty() && imageEnv.isEmpty()) {
      return user == null ? JsonNodeFactory.instance.nullNode() : user;
    }
    Set<String> userKeys = new LinkedHashSet<>();
    userEnv.forEach(e -> userKeys.add(key(e)));
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    imageEnv.stream().filter(e -> !userKeys.contains(key(e))).forEach(out::add);
    userEnv.forEach(out::add);
    return out;
  }

  private static String key(String env) {
    int eq = env.indexOf('=');
    return eq < 0 ? env : env.substring(0, eq);
  }

  private static void fallbackText(ObjectNode config, JsonNode img, String field) {
    if (config.path(field).asText("").isEmpty() && !img.path(field).asText("").isEmpty()) {
      config.put(field, img.get(field).asText());
    }
  }

  private static void mergeObject(ObjectNode config, JsonNode img, String field) {
    JsonNode fromImage = img.get(field);
    if (fromImage == null || !fromImage.isObject() || fromImage.isEmpty()) {
      return;
    }
    JsonNode mine = config.get(field);
    ObjectNode merged = fromImage.deepCopy();
    if (mine != null && mine.isObject()) {
      merged.setAll((ObjectNode) mine);
    }
    config.set(field, merged);
  }

  private static boolean isNull(JsonNode n) {
    return n == null || n.isNull();
  }

  private static boolean isEmptyList(JsonNode n) {
    return isNull(n) || (n.isArray() && n.isEmpty()) || (n.isTextual() && n.asText().isEmpty());
  }

  private static boolean hasValue(JsonNode n) {
    return !isEmptyList(n);
  }
}
