package io.berth.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Null-tolerant immutable copies for record components (absent collection = empty). */
public final class Collections2 {
  private Collections2() {}

  public static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : Collections.unmodifiableList(new java.util.ArrayList<>(list));
  }

  /** Keeps insertion order, so re-serialized JSON reads like the original. */
  public static <K, V> Map<K, V> map(Map<K, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
