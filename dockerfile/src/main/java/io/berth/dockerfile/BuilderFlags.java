package io.berth.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --name=value} flags of one instruction, checked against the flags it accepts with
 * Docker's messages ("Unknown flag: foo", "Missing a value on flag: from", ...).
 */
final class BuilderFlags {
  enum Kind {
    STRING,
    BOOL,
    /** May repeat, like RUN's --mount. */
    STRINGS
  }

  private final Map<String, List<String>> values = new LinkedHashMap<>();

  private BuilderFlags() {}

  /** Parses {@code words} (from {@link Words#extractFlags}); throws on anything not accepted. */
  static BuilderFlags parse(List<String> words, Map<String, Kind> accepted, Location location) {
    BuilderFlags flags = new BuilderFlags();
    for (String arg : words) {
      if (!arg.startsWith("--")) {
        throw new DockerfileException(location, "arg should start with -- : " + arg);
      }
      String body = arg.substring(2);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      String value = eq < 0 ? null : body.substring(eq + 1);
      Kind kind = accepted.get(name);
      if (kind == null) {
        throw new DockerfileException(location, "Unknown flag: " + name);
      }
      if (flags.values.containsKey(name) && kind != Kind.STRINGS) {
        throw new DockerfileException(location, "Duplicate flag specified: " + name);
      }
      String checked = check(name, value, kind, location);
      flags.values.computeIfAbsent(name, k -> new ArrayList<>()).add(checked);
    }
    return flags;
  }

  private static String check(String name, String value, Kind kind, Location location) {
    if (kind != Kind.BOOL) {
      if (value == null) {
        throw new DockerfileException(location, "Missing a value on flag: " + name);
      }
      return value;
    }
    if (value != null && value.isEmpty()) {
      throw new DockerfileException(location, "Missing a value on flag: " + name);
    }
    String lower = value == null ? "true" : value.toLowerCase(Locale.ROOT);
    if (!lower.equals("true") && !lower.equals("false")) {
      throw new DockerfileException(
          location, "Expecting boolean value for flag " + name + ", not: " + value);
    }
    return lower;
  }

  /** The value of a string flag, null when not given or empty (Docker treats both alike). */
  String string(String name) {
    List<String> given = values.get(name);
    String value = given == null ? null : given.get(given.size() - 1);
    return value == null || value.isEmpty() ? null : value;
  }

  boolean bool(String name) {
    return "true".equals(string(name));
  }

  List<String> strings(String name) {
    return values.getOrDefault(name, List.of());
  }

  /** The flags given, in a stable order, for error messages. */
  List<String> given() {
    return new ArrayList<>(values.keySet());
  }

  static Map<String, Kind> none() {
    return Map.of();
  }
}
