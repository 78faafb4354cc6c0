package io.berth.image.build.engine;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The build args of one build: the values given ({@code --build-arg}), which ones some ARG
 * declared (the rest earn Docker's "were not consumed" warning), and Docker's predefined proxy
 * args, usable in RUN without an ARG and kept out of the history and the cache key.
 */
final class BuildArgs {
  static final Set<String> PREDEFINED = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
      "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

  private final Map<String, String> given;
  private final Set<String> consumed = new LinkedHashSet<>();

  BuildArgs(Map<String, String> given) {
    this.given = given == null ? Map.of() : given;
  }

  boolean has(String name) {
    return given.containsKey(name) && given.get(name) != null;
  }

  String get(String name) {
    return given.get(name);
  }

  void consume(String name) {
    consumed.add(name);
  }

  Map<String, String> values() {
    Map<String, String> m = new LinkedHashMap<>();
    given.forEach((k, v) -> {
      if (v != null) {
        m.put(k, v);
      }
    });
    return m;
  }

  /** The predefined proxy args given, as RUN sees them. */
  Map<String, String> proxies() {
    Map<String, String> m = new TreeMap<>();
    given.forEach((k, v) -> {
      if (v != null && PREDEFINED.contains(k)) {
        m.put(k, v);
      }
    });
    return m;
  }

  /** Args given but never declared (predefined ones excepted), sorted. */
  List<String> unconsumed() {
    return given.keySet().stream().filter(k -> !consumed.contains(k) && !PREDEFINED.contains(k)).sorted().toList();
  }
}
