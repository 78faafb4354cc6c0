package io.berth.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * ENV and LABEL arguments: {@code k=v k2="v 2"} pairs, or the legacy {@code ENV k v w} form where
 * the first word has no '=' and the value is the rest of the line. Quotes stay until substitution.
 */
final class KeyValues {
  private static final Pattern WHITESPACE = Pattern.compile("[\\t\\u000B\\f\\r ]+");

  private KeyValues() {}

  static List<KeyValue> parse(Parsing p, String keyword, char escape) {
    List<String> words = Words.quoteAware(p.rest(), escape);
    if (words.isEmpty()) {
      throw p.error(keyword + " requires at least one argument");
    }
    List<KeyValue> pairs = new ArrayList<>();
    if (!words.get(0).contains("=")) {
      String[] parts = WHITESPACE.split(p.rest(), 2);
      if (parts.length < 2) {
        throw p.error(keyword + " must have two arguments");
      }
      pairs.add(new KeyValue(parts[0], parts[1]));
    } else {
      for (String word : words) {
        int eq = word.indexOf('=');
        if (eq < 0) {
          throw p.error(
              "Syntax error - can't find = in \"" + word + "\". Must be of the form: name=value");
        }
        pairs.add(new KeyValue(word.substring(0, eq), word.substring(eq + 1)));
      }
    }
    for (KeyValue pair : pairs) {
      if (pair.key().isEmpty()) {
        throw p.error(keyword + " names can not be blank");
      }
    }
    return pairs;
  }
}
