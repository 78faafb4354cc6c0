package io.berth.dockerfile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a Dockerfile into logical lines the way Docker's parser does: parser directives at the
 * very top ({@code # escape=}, {@code # syntax=}), comment lines (also inside continuations),
 * continuation lines joined after removing the escape character, and empty continuation lines
 * skipped.
 *
 * @see <a href="https://docs.docker.com/reference/dockerfile/#parser-directives">Parser
 *     directives</a>
 */
final class LogicalLines {
  private static final Pattern DIRECTIVE =
      Pattern.compile("^#[ \\t]*([a-zA-Z][a-zA-Z0-9]*)[ \\t]*=[ \\t]*(.+?)[ \\t]*$");
  private static final Set<String> KNOWN_DIRECTIVES = Set.of("escape", "syntax", "check");

  /** One logical line: the instruction text, the physical lines it spans (1-based), heredocs. */
  record Line(int start, int end, String text, List<Heredoc> heredocs) {}

  record Result(char escape, List<Line> lines) {}

  private final String fileName;
  private char escape = '\\';
  private boolean directivesDone;
  private final Set<String> seenDirectives = new HashSet<>();
  private String[] physical;
  /** Index of the next physical line to read (so also the 1-based number of the last read). */
  private int next;

  private LogicalLines(String fileName) {
    this.fileName = fileName;
  }

  static Result read(String fileName, String text) {
    LogicalLines reader = new LogicalLines(fileName);
    List<Line> lines = reader.split(text);
    return new Result(reader.escape, lines);
  }

  private List<Line> split(String text) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    physical = text.split("\n", -1);
    List<Line> lines = new ArrayList<>();
    while (next < physical.length) {
      String first = stripLeadingSpace(dropCarriageReturn(physical[next]));
      directive(first, ++next);
      if (isComment(first)) {
        continue;
      }
      int start = next;
      StringBuilder line = new StringBuilder();
      boolean continued = appendTrimmed(line, first);
      if (!continued && line.length() == 0) {
        continue;
      }
      while (continued && next < physical.length) {
        String more = dropCarriageReturn(physical[next]);
        directive(more, ++next);
        if (!isComment(more) && !stripLeadingSpace(more).isEmpty()) {
          continued = appendTrimmed(line, more);
        }
      }
      List<Heredoc> heredocs = new ArrayList<>();
      for (Heredoc marker : Heredoc.markers(line.toString(), escape)) {
        heredocs.add(heredocBody(marker, start));
      }
      lines.add(new Line(start, next, line.toString(), heredocs));
    }
    return lines;
  }

  /** Reads a heredoc's lines, taken as they are, up to its terminator line. */
  private Heredoc heredocBody(Heredoc marker, int start) {
    StringBuilder content = new StringBuilder();
    while (next < physical.length) {
      String body = dropCarriageReturn(physical[next++]);
      String chomped = marker.chomp() ? body.replaceFirst("^\t+", "") : body;
      if (chomped.equals(marker.name())) {
        return marker.withContent(content.toString());
      }
      content.append(chomped).append('\n');
    }
    throw new DockerfileException(
        new Location(fileName, start), "unterminated heredoc " + marker.name());
  }

  /** Appends the line without its trailing escape character; true when that continues it. */
  private boolean appendTrimmed(StringBuilder line, String physical) {
    int end = physical.length();
    while (end > 0 && (physical.charAt(end - 1) == ' ' || physical.charAt(end - 1) == '\t')) {
      end--;
    }
    if (end > 0 && physical.charAt(end - 1) == escape) {
      line.append(physical, 0, end - 1);
      return true;
    }
    line.append(physical);
    return false;
  }

  /** Directives are only looked for until the first line that is not one (even a blank one). */
  private void directive(String line, int lineNumber) {
    if (directivesDone) {
      return;
    }
    Matcher m = DIRECTIVE.matcher(line);
    String name = m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    if (name == null || !KNOWN_DIRECTIVES.contains(name)) {
      directivesDone = true;
      return;
    }
    Location location = new Location(fileName, lineNumber);
    if (!seenDirectives.add(name)) {
      throw new DockerfileException(
          location, "only one " + name + " parser directive can be used");
    }
    if (name.equals("escape")) {
      String value = m.group(2);
      if (!value.equals("`") && !value.equals("\\")) {
        throw new DockerfileException(
            location, "invalid escape token '" + value + "' does not match ` or \\");
      }
      escape = value.charAt(0);
    }
  }

  static boolean isComment(String line) {
    return stripLeadingSpace(line).startsWith("#");
  }

  static String stripLeadingSpace(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }

  private static String dropCarriageReturn(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }
}
