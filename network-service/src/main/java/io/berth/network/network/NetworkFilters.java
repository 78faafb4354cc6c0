package io.berth.network.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.InvalidArgumentException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code docker network ls --filter}: {@code name} (substring), {@code id} (prefix),
 * {@code driver}, {@code label} ({@code key} or {@code key=value}), {@code type}
 * ({@code custom}/{@code builtin}) and {@code dangling} (no endpoints). Values of one key are
 * alternatives; different keys must all match.
 */
public final class NetworkFilters {
  private static final Set<String> KEYS = Set.of("name", "id", "driver", "label", "type", "dangling", "scope");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Map<String, List<String>> filters;

  private NetworkFilters(Map<String, List<String>> filters) {
    this.filters = filters;
  }

  /** Parses the {@code filters} query parameter ({@code {"name":{"app":true}}} or {@code {"name":["app"]}}). */
  public static NetworkFilters parse(String json) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (json == null || json.isBlank()) {
      return new NetworkFilters(out);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new InvalidArgumentException("invalid filter: " + json);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (!KEYS.contains(f.getKey())) {
        throw new InvalidArgumentException("invalid filter '" + f.getKey() + "'");
      }
      List<String> values = new ArrayList<>();
      if (f.getValue().isArray()) {
        f.getValue().forEach(v -> values.add(v.asText()));
      } else {
        f.getValue().fieldNames().forEachRemaining(values::add);
      }
      out.put(f.getKey(), values);
    }
    return new NetworkFilters(out);
  }

  /** Whether {@code n}, with {@code endpointCount} endpoints, passes every filter. */
  public boolean matches(NetworkEntity n, long endpointCount) {
    return filters.entrySet().stream().allMatch(f -> f.getValue().stream().anyMatch(value -> test(f.getKey(), value).test(new Candidate(n, endpointCount))));
  }

  private record Candidate(NetworkEntity network, long endpoints) {}

  private static Predicate<Candidate> test(String key, String value) {
    return switch (key) {
      case "name" -> c -> c.network().name.contains(value);
      case "id" -> c -> c.network().id.startsWith(value);
      case "driver" -> c -> c.network().driver.equals(value);
      case "scope" -> c -> "local".equals(value);
      case "type" -> c -> value.equals(c.network().isDefault ? "builtin" : "custom");
      case "dangling" -> c -> (c.endpoints() == 0 && !c.network().isDefault) == Boolean.parseBoolean(value);
      default -> c -> label(c.network(), value);
    };
  }

  private static boolean label(NetworkEntity n, String value) {
    Map<String, String> labels = JsonColumns.map(n.labels);
    int eq = value.indexOf('=');
    return eq < 0 ? labels.containsKey(value) : value.substring(eq + 1).equals(labels.get(value.substring(0, eq)));
  }
}
