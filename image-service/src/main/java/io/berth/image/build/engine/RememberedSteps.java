package io.berth.image.build.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The build cache entries this service looked up or made lately (key → the step's image), least
 * recently used dropped first. Only a guess: a build served from it is checked against the build
 * cache table in one read before anything of it is shown (see {@link Builder}), so an entry moved
 * or pruned since costs that build its speculation, never a wrong result.
 */
final class RememberedSteps {
  private final Map<String, ImageState> entries;

  RememberedSteps(int capacity) {
    this.entries = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, ImageState> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized ImageState get(String key) {
    return entries.get(key);
  }

  synchronized void put(String key, ImageState image) {
    entries.put(key, image);
  }

  synchronized void forget(Iterable<String> keys) {
    keys.forEach(entries::remove);
  }
}
