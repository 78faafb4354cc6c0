package io.berth.image.image;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code GET /internal/images/resolve}: what another service needs to create a container from
 * an image. {@code config} is the stored image config, verbatim.
 */
public record ResolveResponse(
    String id, String manifestDigest, String repository, String tag, JsonNode config) {}
