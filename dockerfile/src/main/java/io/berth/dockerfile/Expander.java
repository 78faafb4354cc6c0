package io.berth.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Applies {@link Substitution} to an instruction's words, reporting errors at its location. */
final class Expander {
  private final Map<String, String> env;
  private final char escape;
  private final Location location;

  Expander(Map<String, String> env, char escape, Location location) {
    this.env = env == null ? Map.of() : env;
    this.escape = escape;
    this.location = location;
  }

  /** The expanded word; null stays null (an absent flag or ARG default). */
  String word(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Substitution.word(text, env, escape);
    } catch (IllegalArgumentException e) {
      throw new DockerfileException(location, e.getMessage());
    }
  }

  List<String> words(List<String> texts) {
    List<String> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      out.add(word(text));
    }
    return out;
  }

  List<KeyValue> pairs(List<KeyValue> pairs) {
    List<KeyValue> out = new ArrayList<>(pairs.size());
    for (KeyValue pair : pairs) {
      out.add(new KeyValue(word(pair.key()), word(pair.value())));
    }
    return out;
  }
}
