package io.berth.image.build.engine;

import java.util.List;

/**
 * The {@code created_by} text Docker's classic builder records in the history (and uses as the
 * cache's notion of "the same instruction"): {@code /bin/sh -c #(nop)  ENV a=b} for metadata
 * steps (two spaces: it is the two-argument form), {@code /bin/sh -c #(nop) WORKDIR /app} for
 * WORKDIR, COPY and ADD (one space), the command itself for RUN.
 */
final class CreatedBy {
  static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

  private CreatedBy() {}

  static String nop(List<String> shell, String comment) {
    return String.join(" ", shell(shell)) + " #(nop)  " + comment;
  }

  static String nopSingle(List<String> shell, String comment) {
    return String.join(" ", shell(shell)) + " #(nop) " + comment;
  }

  static List<String> shell(List<String> shell) {
    return shell == null || shell.isEmpty() ? DEFAULT_SHELL : shell;
  }

  /** Go's {@code %q} of a string slice: {@code ["python3" "app.py"]}. */
  static String quoted(List<String> items) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append('"');
      for (char c : items.get(i).toCharArray()) {
        switch (c) {
          case '"' -> b.append("\\\"");
          case '\\' -> b.append("\\\\");
          case '\n' -> b.append("\\n");
          case '\t' -> b.append("\\t");
          default -> b.append(c);
        }
      }
      b.append('"');
    }
    return b.append(']').toString();
  }

  /** Go's {@code %v} of a string slice: {@code [/data /logs]}. */
  static String plain(List<String> items) {
    return "[" + String.join(" ", items) + "]";
  }
}
