package io.berth.container.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * image-service's answer to {@code GET /internal/images/resolve?ref=}: the image a reference
 * names, with its runtime config (Env, Cmd, Entrypoint, WorkingDir, User, Labels...).
 *
 * @param id image id, {@code sha256:<hex>} of the config blob
 * @param manifestDigest digest the node pulls by
 * @param repository repository in image-service's registry
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResolvedImage(
    String id, String manifestDigest, String repository, String tag, JsonNode config) {

  /**
   * The runtime part of the image config (Env, Cmd, Entrypoint, WorkingDir...): image-service
   * sends the whole OCI image config, in which it sits under "config".
   */
  public JsonNode runtimeConfig() {
    return config != null && config.path("config").isObject() ? config.get("config") : config;
  }

  /** The id in Docker's {@code sha256:<hex>} form, whatever form image-service used. */
  public String dockerId() {
    return id != null && !id.contains(":") ? "sha256:" + id : id;
  }
}
