package io.berth.dockerfile;

import java.util.Map;

/**
 * Docker's variable substitution for one word, as its shell lexer does it for Dockerfiles: {@code
 * $VAR}, {@code ${VAR}}, {@code ${VAR:-word}}, {@code ${VAR:+word}}, {@code ${VAR-word}}, {@code
 * ${VAR+word}}, {@code ${VAR:?msg}} and {@code ${VAR?msg}}; unset variables expand to "". Quotes are
 * removed: single quotes keep everything literal, double quotes still expand {@code $} and honour
 * the escape character before {@code "}, {@code $} and itself; outside quotes the escape character
 * makes the next character literal. Whitespace is kept: the result is one word.
 *
 * @see <a href="https://docs.docker.com/reference/dockerfile/#environment-replacement">Environment
 *     replacement</a>
 */
final class Substitution {
  private static final int EOF = -1;

  private final String text;
  private final Map<String, String> env;
  private final char escape;
  private int pos;

  private Substitution(String text, Map<String, String> env, char escape) {
    this.text = text;
    this.env = env;
    this.escape = escape;
  }

  /**
   * The expanded word.
   *
   * @throws IllegalArgumentException with Docker's message on a syntax error or a failed {@code ?}
   */
  static String word(String text, Map<String, String> env, char escape) {
    return new Substitution(text, env, escape).until(EOF);
  }

  private int peek() {
    return pos < text.length() ? text.charAt(pos) : EOF;
  }

  private int next() {
    return pos < text.length() ? text.charAt(pos++) : EOF;
  }

  /** Reads up to {@code stop} (consumed) or the end when stop is EOF. */
  private String until(int stop) {
    StringBuilder out = new StringBuilder();
    while (peek() != EOF) {
      int ch = peek();
      if (stop != EOF && ch == stop) {
        next();
        return out.toString();
      }
      if (ch == '$') {
        out.append(dollar());
      } else if (ch == '\'') {
        out.append(singleQuoted());
      } else if (ch == '"') {
        out.append(doubleQuoted());
      } else {
        next();
        if (ch == escape) {
          // The escape character makes the next one literal; a trailing one disappears.
          ch = next();
          if (ch == EOF) {
            break;
          }
        }
        out.append((char) ch);
      }
    }
    if (stop != EOF) {
      throw new IllegalArgumentException(
          "unexpected end of statement while looking for matching " + (char) stop);
    }
    return out.toString();
  }

  private String singleQuoted() {
    next();
    StringBuilder out = new StringBuilder();
    while (true) {
      int ch = next();
      if (ch == EOF) {
        throw new IllegalArgumentException(
            "unexpected end of statement while looking for matching single-quote");
      }
      if (ch == '\'') {
        return out.toString();
      }
      out.append((char) ch);
    }
  }

  private String doubleQuoted() {
    next();
    StringBuilder out = new StringBuilder();
    while (true) {
      int ch = peek();
      if (ch == EOF) {
        throw new IllegalArgumentException(
            "unexpected end of statement while looking for matching double-quote");
      }
      if (ch == '"') {
        next();
        return out.toString();
      }
      if (ch == '$') {
        out.append(dollar());
        continue;
      }
      next();
      if (ch == escape) {
        int after = peek();
        if (after == EOF) {
          continue;
        }
        // Inside double quotes only these can be escaped; other escapes stay as written.
        if (after == '"' || after == '$' || after == escape) {
          ch = next();
        }
      }
      out.append((char) ch);
    }
  }

  private String dollar() {
    next();
    if (peek() != '{') {
      String name = name();
      return name.isEmpty() ? "$" : value(name);
    }
    next();
    int first = peek();
    if (first == EOF) {
      throw new IllegalArgumentException("syntax error: missing '}'");
    }
    if (first == '{' || first == '}' || first == ':') {
      throw new IllegalArgumentException("syntax error: bad substitution");
    }
    String name = name();
    int ch = next();
    switch (ch) {
      case '}':
        return value(name);
      case ':':
        return modified(name, next(), true);
      case '-':
      case '+':
      case '?':
        return modified(name, ch, false);
      case EOF:
        throw new IllegalArgumentException("syntax error: missing '}'");
      default:
        throw new IllegalArgumentException("syntax error: bad substitution");
    }
  }

  /** {@code ${name:-word}} and friends; with a colon an empty value counts as unset. */
  private String modified(String name, int modifier, boolean colon) {
    if (modifier != '-' && modifier != '+' && modifier != '?') {
      throw new IllegalArgumentException(
          modifier == EOF
              ? "syntax error: missing '}'"
              : "unsupported modifier (" + (char) modifier + ") in substitution");
    }
    String word;
    try {
      word = until('}');
    } catch (IllegalArgumentException e) {
      if (peek() == EOF) {
        throw new IllegalArgumentException("syntax error: missing '}'");
      }
      throw e;
    }
    String value = env.get(name);
    boolean set = colon ? value != null && !value.isEmpty() : value != null;
    switch (modifier) {
      case '-':
        return set ? value : word;
      case '+':
        return set ? word : "";
      default:
        if (!set) {
          String why =
              value == null ? "is not allowed to be unset" : "is not allowed to be empty";
          throw new IllegalArgumentException(name + ": " + (word.isEmpty() ? why : word));
        }
        return value;
    }
  }

  private String value(String name) {
    return env.getOrDefault(name, "");
  }

  /** A variable name: letters, digits and '_', or a run of digits, or one special parameter. */
  private String name() {
    StringBuilder name = new StringBuilder();
    if (peek() != EOF && Character.isDigit(peek())) {
      while (peek() != EOF && Character.isDigit(peek())) {
        name.append((char) next());
      }
      return name.toString();
    }
    if (peek() != EOF && "@*#?-$!0".indexOf(peek()) >= 0) {
      return String.valueOf((char) next());
    }
    while (peek() != EOF && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
      name.append((char) next());
    }
    return name.toString();
  }
}
