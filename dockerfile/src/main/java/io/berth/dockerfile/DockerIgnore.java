package io.berth.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code .dockerignore} file with Docker's rules: one pattern a line, {@code #} comment lines and
 * blank lines skipped, paths cleaned and a leading '/' ignored, {@code **} for any number of
 * directories, {@code !pattern} re-including what earlier lines excluded (the last matching line
 * wins), and a pattern that matches a directory excluding everything under it.
 *
 * @see <a href="https://docs.docker.com/build/concepts/context/#dockerignore-files">.dockerignore
 *     files</a>
 */
public final class DockerIgnore {
  private final List<String> lines;
  private final List<IgnorePattern> patterns;

  private DockerIgnore(List<String> lines, List<IgnorePattern> patterns) {
    this.lines = List.copyOf(lines);
    this.patterns = List.copyOf(patterns);
  }

  /** No patterns: nothing is excluded. */
  public static DockerIgnore empty() {
    return new DockerIgnore(List.of(), List.of());
  }

  /**
   * Parses the file's text.
   *
   * @throws IllegalArgumentException for a lone "!" or a malformed pattern, as Docker rejects them
   */
  public static DockerIgnore parse(String text) {
    List<String> lines = new ArrayList<>();
    List<IgnorePattern> patterns = new ArrayList<>();
    String body = text == null ? "" : text;
    if (body.startsWith("\uFEFF")) {
      body = body.substring(1);
    }
    for (String raw : body.split("\n")) {
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      // Only a '#' in the very first column starts a comment.
      if (line.startsWith("#")) {
        continue;
      }
      String pattern = line.strip();
      if (pattern.isEmpty()) {
        continue;
      }
      boolean exclusion = pattern.startsWith("!");
      if (exclusion) {
        pattern = pattern.substring(1).strip();
        if (pattern.isEmpty()) {
          throw new IllegalArgumentException("illegal exclusion pattern: \"!\"");
        }
      }
      pattern = CleanPath.clean(pattern);
      if (pattern.length() > 1 && pattern.startsWith("/")) {
        pattern = pattern.substring(1);
      }
      if (!Glob.isValid(pattern)) {
        throw new IllegalArgumentException("syntax error in pattern: " + pattern);
      }
      lines.add(exclusion ? "!" + pattern : pattern);
      patterns.add(new IgnorePattern(pattern, exclusion));
    }
    return new DockerIgnore(lines, patterns);
  }

  /** The cleaned patterns, "!" first for exceptions, in file order. */
  public List<String> patterns() {
    return lines;
  }

  /**
   * Whether the file or directory at {@code relativePath} (relative to the context, '/'-separated)
   * is left out of the context: the last pattern matching it or one of its parent directories
   * decides.
   */
  public boolean excluded(String relativePath) {
    String path = CleanPath.clean(relativePath);
    if (path.startsWith("/")) {
      path = path.length() > 1 ? path.substring(1) : ".";
    }
    if (path.equals(".")) {
      return false;
    }
    String[] parents = path.split("/");
    boolean matched = false;
    for (IgnorePattern pattern : patterns) {
      if (pattern.exclusion() != matched) {
        continue;
      }
      boolean match = pattern.matches(path);
      StringBuilder parent = new StringBuilder();
      for (int i = 0; !match && i < parents.length - 1; i++) {
        parent.append(i == 0 ? "" : "/").append(parents[i]);
        match = pattern.matches(parent.toString());
      }
      if (match) {
        matched = !pattern.exclusion();
      }
    }
    return matched;
  }

  /**
   * Whether some exception pattern could re-include something under an excluded directory, so a
   * walker must still descend into it.
   */
  public boolean hasExceptions() {
    return patterns.stream().anyMatch(IgnorePattern::exclusion);
  }
}
