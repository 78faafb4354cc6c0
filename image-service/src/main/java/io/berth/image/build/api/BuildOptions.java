package io.berth.image.build.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.InvalidArgumentException;
import io.berth.common.error.NotImplementedException;
import io.berth.image.build.engine.BuildRequest;
import io.berth.image.pull.RegistryConfig;
import io.berth.oci.ImageReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /build}'s query, checked and typed (Docker's boolean spelling: 1/true). */
final class BuildOptions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BuildOptions() {}

  static BuildRequest parse(String buildId, List<String> t, String dockerfile, String buildArgs, String target, String noCache,
      String pull, String labels, String rm, String forceRm, String networkMode, String platform, String quiet,
      String remote, String version, RegistryConfig registries) {
    if ("2".equals(version)) {
      throw new NotImplementedException("BuildKit is not supported by Berth: build with DOCKER_BUILDKIT=0");
    }
    if (remote != null && !remote.isEmpty()) {
      throw new NotImplementedException("remote build contexts (" + remote + ") are not supported by Berth:"
          + " send the context as the request body");
    }
    List<ImageReference> tags = new ArrayList<>();
    for (String tag : t == null ? List.<String>of() : t) {
      if (tag == null || tag.isEmpty()) {
        continue;
      }
      ImageReference ref;
      try {
        ref = ImageReference.parse(tag);
      } catch (IllegalArgumentException e) {
        throw new InvalidArgumentException("invalid reference format: " + tag);
      }
      if (ref.digest() != null) {
        throw new InvalidArgumentException("invalid tag " + tag + ": a build cannot tag by digest");
      }
      tags.add(ref);
    }
    return new BuildRequest(buildId, dockerfile == null || dockerfile.isEmpty() ? "Dockerfile" : dockerfile, tags,
        map(buildArgs, "buildargs"), blankToNull(target), truthy(noCache), truthy(pull), map(labels, "labels"),
        rm == null || rm.isEmpty() || truthy(rm), truthy(forceRm),
        networkMode == null || networkMode.isEmpty() ? "default" : networkMode, blankToNull(platform), truthy(quiet),
        registries);
  }

  private static Map<String, String> map(String json, String name) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      Map<String, String> m = JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
      return m == null ? Map.of() : m;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidArgumentException("invalid " + name + ": " + e.getOriginalMessage());
    }
  }

  static boolean truthy(String v) {
    return v != null && !v.isEmpty() && !v.equals("0") && !v.equalsIgnoreCase("false");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
