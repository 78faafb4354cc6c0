package io.berth.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A here-document of RUN, COPY or ADD ({@code <<EOF} ... {@code EOF}): its terminator name, its
 * content (each line ending in a newline), whether {@code <<-} strips leading tabs, and whether it
 * is subject to expansion (an unquoted name).
 *
 * @see <a href="https://docs.docker.com/reference/dockerfile/#here-documents">Here-documents</a>
 */
record Heredoc(String name, String content, boolean chomp, boolean expand) {
  private static final Pattern MARKER = Pattern.compile("^<<(-?)\\s*([^<]*)$");

  /** The heredoc markers ({@code content} empty) in a RUN, COPY or ADD line, in order. */
  static List<Heredoc> markers(String line, char escape) {
    String[] split = line.strip().split("[\\t\\u000B\\f\\r ]+", 2);
    String keyword = split[0].toLowerCase(Locale.ROOT);
    if (split.length < 2 || !List.of("run", "copy", "add").contains(keyword)) {
      return List.of();
    }
    String rest = Words.extractFlags(split[1]).rest();
    if (isJson(rest)) {
      return List.of();
    }
    List<Heredoc> markers = new ArrayList<>();
    for (String word : Words.quoteAware(rest, escape)) {
      Heredoc marker = marker(word);
      if (marker != null) {
        markers.add(marker);
      }
    }
    return markers;
  }

  private static boolean isJson(String rest) {
    try {
      return JsonArgs.parse(rest, null) != null;
    } catch (DockerfileException e) {
      return true; // a JSON array of non-strings: the instruction's parser reports it
    }
  }

  /** The marker a whole word stands for ({@code <<EOF}, {@code <<-"EOF"}), or null. */
  static Heredoc marker(String word) {
    Matcher m = MARKER.matcher(word);
    if (!m.matches() || m.group(2).isEmpty()) {
      return null;
    }
    String name = m.group(2);
    boolean quoted = name.length() >= 2
        && (name.startsWith("\"") && name.endsWith("\"") || name.startsWith("'") && name.endsWith("'"));
    if (quoted) {
      name = name.substring(1, name.length() - 1);
    }
    return new Heredoc(name, "", !m.group(1).isEmpty(), !quoted);
  }

  Heredoc withContent(String content) {
    return new Heredoc(name, content, chomp, expand);
  }
}
