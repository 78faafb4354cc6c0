package io.berth.gateway.webhook.subscription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.berth.events.EventCodec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which events a subscription wants: any of its type patterns (glob on the CloudEvents
 * {@code type}: {@code *} matches any run of characters, so {@code io.berth.container.*} takes
 * every container fact) and all of its labels ({@code ""} as value = the key must be present).
 */
public record SubscriptionFilter(List<String> types, Map<String, String> labels) {

  private static final Pattern VALID_TYPE = Pattern.compile("[A-Za-z0-9.*_-]+");

  public SubscriptionFilter {
    types = types == null ? List.of() : List.copyOf(types);
    labels = labels == null ? Map.of() : new TreeMap<>(labels);
    for (String t : types) {
      if (!VALID_TYPE.matcher(t).matches()) {
        throw new IllegalArgumentException("invalid event type pattern '" + t + "'");
      }
    }
  }

  /** Reads the stored JSON columns. */
  public static SubscriptionFilter fromJson(String typesJson, String labelsJson) {
    try {
      return new SubscriptionFilter(
          EventCodec.mapper().readValue(typesJson, new TypeReference<List<String>>() {}),
          EventCodec.mapper().readValue(labelsJson, new TypeReference<Map<String, String>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored subscription filter is not valid JSON", e);
    }
  }

  public String typesJson() {
    return json(types);
  }

  public String labelsJson() {
    return json(labels);
  }

  public boolean hasLabels() {
    return !labels.isEmpty();
  }

  public boolean matchesType(String type) {
    if (types.isEmpty()) {
      return true;
    }
    for (String pattern : types) {
      if (glob(pattern, type)) {
        return true;
      }
    }
    return false;
  }

  /** {@code objectLabels} may be null when the object's labels are unknown: then only no label filter passes. */
  public boolean matchesLabels(Map<String, String> objectLabels) {
    if (labels.isEmpty()) {
      return true;
    }
    if (objectLabels == null) {
      return false;
    }
    for (Map.Entry<String, String> want : labels.entrySet()) {
      String have = objectLabels.get(want.getKey());
      if (have == null || (!want.getValue().isEmpty() && !want.getValue().equals(have))) {
        return false;
      }
    }
    return true;
  }

  static boolean glob(String pattern, String text) {
    if (!pattern.contains("*")) {
      return pattern.equals(text);
    }
    String[] parts = pattern.split("\\*", -1);
    if (!text.startsWith(parts[0])) {
      return false;
    }
    int at = parts[0].length();
    for (int i = 1; i < parts.length - 1; i++) {
      int found = text.indexOf(parts[i], at);
      if (found < 0) {
        return false;
      }
      at = found + parts[i].length();
    }
    String last = parts[parts.length - 1];
    return text.length() - at >= last.length() && text.endsWith(last);
  }

  private static String json(Object value) {
    try {
      return EventCodec.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
