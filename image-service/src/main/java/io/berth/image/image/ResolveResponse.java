package io.berth.image.image;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code GET /internal/images/resolve}: what another service needs to create a container from
 * an image. {@code config} is the stored image config, verbatim.
 */
public record ResolveResponse(
    String id, String manifestDigest, String repository, String tag, JsonNode config) {

  /**
   * The registry repository an image found by id or digest is pulled from: it may have no tag at
   * all (an intermediate build step, a dangling image), and the registry serves any stored image's
   * manifest by digest under this name. Not a valid distribution name, so no push can create it.
   */
  public static final String BY_DIGEST_REPOSITORY = "_by-digest";
}
