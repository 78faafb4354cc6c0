package io.berth.container.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code filters} query parameter of {@code GET /containers/json}: a JSON map from filter name
 * to values, either {@code {"status":{"exited":true}}} (what the CLI sends) or the older
 * {@code {"status":["exited"]}}. Values of one filter are alternatives; different filters (and
 * several labels) must all hold.
 */
public final class ContainerFilters {
  public static final Set<String> SUPPORTED = Set.of("status", "name", "id", "label", "ancestor");

  private final Map<String, List<String>> values;

  private ContainerFilters(Map<String, List<String>> values) {
    this.values = values;
  }

  /** Parses the parameter; {@link IllegalArgumentException} with Docker's wording if malformed. */
  public static ContainerFilters parse(String json, ObjectMapper mapper) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (json == null || json.isBlank()) {
      return new ContainerFilters(values);
    }
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("invalid filter: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("invalid filter: expected a JSON object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!SUPPORTED.contains(e.getKey())) {
        throw new IllegalArgumentException("invalid filter '" + e.getKey() + "'");
      }
      List<String> list = new ArrayList<>();
      if (e.getValue().isArray()) {
        e.getValue().forEach(v -> list.add(v.asText()));
      } else if (e.getValue().isObject()) {
        e.getValue().fields().forEachRemaining(v -> {
          if (v.getValue().asBoolean()) {
            list.add(v.getKey());
          }
        });
      }
      values.put(e.getKey(), list);
    }
    for (String status : values.getOrDefault("status", List.of())) {
      try {
        ContainerState.fromDockerName(status);
      } catch (IllegalArgumentException e) {
        if (!Set.of("paused", "restarting").contains(status)) {
          throw new IllegalArgumentException("Invalid filter 'status=" + status + "'");
        }
      }
    }
    return new ContainerFilters(values);
  }

  /** Docker lists every state, not only running containers, when a status filter is given. */
  public boolean hasStatus() {
    return values.containsKey("status");
  }

  /** The predicate all filters together define; {@code labels} are the container's labels. */
  public boolean matches(ContainerEntity c, Map<String, String> labels) {
    return anyOf("status", v -> c.state.dockerName().equals(v))
        && anyOf("id", v -> c.id.startsWith(v))
        && anyOf("name", v -> nameMatches(v, c.name))
        && anyOf("ancestor", v -> ancestorMatches(v, c))
        && values.getOrDefault("label", List.of()).stream().allMatch(v -> labelMatches(v, labels));
  }

  private boolean anyOf(String key, Predicate<String> test) {
    List<String> list = values.get(key);
    return list == null || list.isEmpty() || list.stream().anyMatch(test);
  }

  // Docker matches the name filter as a regular expression against "/name".
  static boolean nameMatches(String filter, String name) {
    try {
      return Pattern.compile(filter).matcher("/" + name).find();
    } catch (PatternSyntaxException e) {
      return ("/" + name).contains(filter);
    }
  }

  public static boolean labelMatches(String filter, Map<String, String> labels) {
    int eq = filter.indexOf('=');
    if (eq < 0) {
      return labels.containsKey(filter);
    }
    return filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)));
  }

  static boolean ancestorMatches(String filter, ContainerEntity c) {
    if (filter.equals(c.image) || (filter + ":latest").equals(c.image) || filter.equals(c.image + ":latest")) {
      return true;
    }
    String hex = c.imageId.startsWith("sha256:") ? c.imageId.substring(7) : c.imageId;
    String f = filter.startsWith("sha256:") ? filter.substring(7) : filter;
    return f.length() >= 4 && hex.startsWith(f);
  }
}
