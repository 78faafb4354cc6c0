package io.berth.gateway.events;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code filters} of GET /events with dockerd's semantics: values of one key are alternatives,
 * keys must all match; container (and other object) names match by id, id prefix or name; image
 * by reference with or without tag; label by key or key=value (all of them).
 */
public final class EventFilter {

  public static final EventFilter NONE = new EventFilter(Map.of());

  // Keys that name an object of that event type, matched like dockerd's fuzzyMatchName.
  private static final Set<String> BY_NAME =
      Set.of("container", "network", "volume", "plugin", "daemon", "node", "service", "secret", "config");

  private final Map<String, Set<String>> fields;

  private EventFilter(Map<String, Set<String>> fields) {
    this.fields = fields;
  }

  /**
   * Parses Docker's JSON: {"type":{"container":true}} or the older {"type":["container"]}.
   *
   * @throws IllegalArgumentException for anything else (Docker answers 400)
   */
  public static EventFilter parse(String json) {
    if (json == null || json.isBlank()) {
      return NONE;
    }
    JsonObject object;
    try {
      object = new JsonObject(json);
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("invalid filter: " + e.getMessage());
    }
    Map<String, Set<String>> fields = new TreeMap<>();
    for (String key : object.fieldNames()) {
      Object value = object.getValue(key);
      Set<String> values = new TreeSet<>();
      if (value instanceof JsonObject map) {
        map.forEach(e -> {
          if (Boolean.TRUE.equals(e.getValue())) {
            values.add(e.getKey());
          }
        });
      } else if (value instanceof JsonArray list) {
        list.forEach(v -> values.add(String.valueOf(v)));
      } else {
        throw new IllegalArgumentException("invalid filter for '" + key + "'");
      }
      fields.put(key, values);
    }
    return new EventFilter(fields);
  }

  /** Whether {@code event} passes every filter key. */
  public boolean matches(DockerEvent event) {
    Map<String, String> attrs = event.attributes();
    for (Map.Entry<String, Set<String>> f : fields.entrySet()) {
      Set<String> wanted = f.getValue();
      if (wanted.isEmpty()) {
        continue;
      }
      String key = f.getKey();
      boolean ok =
          switch (key) {
            case "type" -> wanted.contains(event.type());
            case "event" -> wanted.contains(event.action());
            case "scope" -> wanted.contains("local");
            case "image" -> matchesImage(wanted, event);
            case "label" -> matchesLabels(wanted, attrs);
            default ->
                !BY_NAME.contains(key)
                    || fuzzy(wanted, event.actorId())
                    || fuzzy(wanted, attrs.get("name"));
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean fuzzy(Set<String> wanted, String value) {
    if (value == null) {
      return false;
    }
    for (String w : wanted) {
      if (value.startsWith(w)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesImage(Set<String> wanted, DockerEvent event) {
    String name =
        event.attributes().get(DockerEvent.IMAGE.equals(event.type()) ? "name" : "image");
    return wanted.contains(event.actorId())
        || (name != null && (wanted.contains(name) || wanted.contains(stripTag(name))))
        || wanted.contains(stripTag(event.actorId()));
  }

  /** "registry:5000/app:1.0" → "registry:5000/app"; digests are dropped too. */
  static String stripTag(String ref) {
    String r = ref.contains("@") ? ref.substring(0, ref.indexOf('@')) : ref;
    int colon = r.lastIndexOf(':');
    return colon > r.lastIndexOf('/') ? r.substring(0, colon) : r;
  }

  // Every label filter must hold: "key" needs the key, "key=value" the value too.
  private static boolean matchesLabels(Set<String> wanted, Map<String, String> attrs) {
    for (String w : wanted) {
      String[] kv = w.split("=", 2);
      String v = attrs.get(kv[0]);
      if (v == null || (kv.length == 2 && !kv[1].equals(v))) {
        return false;
      }
    }
    return true;
  }
}
