package io.berth.dockerfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The ways Docker's parser cuts an instruction's arguments into words. */
final class Words {
  private Words() {}

  /** Splits on spaces, tabs and the like, ignoring quotes; empty text gives no words. */
  static List<String> whitespaceDelimited(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return List.of();
    }
    return Arrays.asList(trimmed.split("[\\t\\u000B\\f\\r ]+"));
  }

  /**
   * Splits on whitespace outside quotes, keeping the quotes and escapes in the words: they are
   * removed later by variable substitution. Used by ENV, LABEL and ARG.
   */
  static List<String> quoteAware(String text, char escape) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean blankOk = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        } else if (ch == escape && quote != '\'') {
          if (i + 1 == text.length()) {
            continue;
          }
          word.append(ch);
          ch = text.charAt(++i);
        }
        word.append(ch);
        continue;
      }
      if (Character.isWhitespace(ch)) {
        if (inWord && (blankOk || word.length() > 0)) {
          words.add(word.toString());
        }
        inWord = false;
        blankOk = false;
        word.setLength(0);
        continue;
      }
      inWord = true;
      if (ch == '\'' || ch == '"') {
        quote = ch;
        blankOk = true;
      } else if (ch == escape) {
        if (i + 1 == text.length()) {
          continue;
        }
        word.append(ch);
        ch = text.charAt(++i);
      }
      word.append(ch);
    }
    if (inWord && (blankOk || word.length() > 0)) {
      words.add(word.toString());
    }
    return words;
  }

  /** The leading {@code --flag[=value]} words of an instruction and the text after them. */
  record Flagged(List<String> flags, String rest) {}

  /**
   * Takes the leading words that start with "--" (quotes and backslashes removed, "--" alone ends
   * them) off the arguments, as Docker does before parsing any instruction.
   */
  static Flagged extractFlags(String text) {
    List<String> flags = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (true) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i >= n) {
        return new Flagged(flags, "");
      }
      if (!text.startsWith("--", i)) {
        return new Flagged(flags, text.substring(i));
      }
      StringBuilder word = new StringBuilder();
      boolean blankOk = false;
      char quote = 0;
      for (; i < n; i++) {
        char ch = text.charAt(i);
        if (quote == 0 && Character.isWhitespace(ch)) {
          break;
        }
        if (quote == 0 && (ch == '\'' || ch == '"')) {
          quote = ch;
          blankOk = true;
          continue;
        }
        if (quote != 0 && ch == quote) {
          quote = 0;
          continue;
        }
        if (ch == '\\') {
          if (i + 1 == n) {
            continue;
          }
          ch = text.charAt(++i);
        }
        word.append(ch);
      }
      if (word.toString().equals("--")) {
        return new Flagged(flags, i < n ? text.substring(i).stripLeading() : "");
      }
      if (blankOk || word.length() > 0) {
        flags.add(word.toString());
      }
    }
  }
}
