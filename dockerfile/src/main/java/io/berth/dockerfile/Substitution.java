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
  /** Inside ${v#pattern} and friends the escapes stay: they belong to the pattern. */
  private boolean rawEscapes;

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
    try {
      return new Substitution(text, env, escape).until(EOF, false);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "failed to process \"" + text + "\": " + e.getMessage(), e);
    }
  }

  private int peek() {
    return pos < text.length() ? text.charAt(pos) : EOF;
  }

  private int next() {
    return pos < text.length() ? text.charAt(pos++) : EOF;
  }

  /** Reads up to {@code stop} (consumed) or the end when stop is EOF. */
  private String until(int stop, boolean raw) {
    boolean saved = rawEscapes;
    rawEscapes = raw;
    try {
      return until(stop);
    } finally {
      rawEscapes = saved;
    }
  }

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
          if (rawEscapes) {
            out.append((char) ch);
          }
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
        if (rawEscapes) {
          out.append((char) ch);
        }
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
      case '#':
      case '%':
        return modified(name, ch, false);
      case '/':
        return replaced(name);
      case EOF:
        throw new IllegalArgumentException("syntax error: missing '}'");
      default:
        throw new IllegalArgumentException(
            "unsupported modifier (" + (char) ch + ") in substitution");
    }
  }

  /** {@code ${name:-word}} and friends; with a colon an empty value counts as unset. */
  private String modified(String name, int modifier, boolean colon) {
    String shown = (colon ? ":" : "") + (modifier == EOF ? "" : String.valueOf((char) modifier));
    if ("-+?#%".indexOf(modifier) < 0 || modifier == EOF) {
      throw new IllegalArgumentException(
          modifier == EOF
              ? "syntax error: missing '}'"
              : "unsupported modifier (" + shown + ") in substitution");
    }
    String word = closing('}', modifier == '#' || modifier == '%', "syntax error: missing '}'");
    String value = env.get(name);
    boolean set = value != null && !(colon && value.isEmpty());
    switch (modifier) {
      case '-':
        return set ? value : word;
      case '+':
        return set ? word : "";
      case '?':
        if (!set) {
          String why =
              value == null ? "is not allowed to be unset" : "is not allowed to be empty";
          throw new IllegalArgumentException(name + ": " + (word.isEmpty() ? why : word));
        }
        return value;
      default:
        boolean longest = word.startsWith(String.valueOf((char) modifier));
        String pattern = longest ? word.substring(1) : word;
        return modifier == '#'
            ? ShellPattern.trimPrefix(value(name), pattern, longest)
            : ShellPattern.trimSuffix(value(name), pattern, longest);
    }
  }

  /** {@code ${name/pattern/replacement}}, or {@code //} to replace every match. */
  private String replaced(String name) {
    boolean all = peek() == '/';
    if (all) {
      next();
    }
    String pattern = closing('/', true, "syntax error: missing '/' in ${}");
    String replacement = closing('}', true, "syntax error: missing '}'");
    return ShellPattern.replace(value(name), pattern, replacement, all);
  }

  /** The text up to {@code stop}; at the end of the text, {@code missing} is the error. */
  private String closing(int stop, boolean raw, String missing) {
    try {
      return until(stop, raw);
    } catch (IllegalArgumentException e) {
      if (peek() == EOF) {
        throw new IllegalArgumentException(missing);
      }
      throw e;
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
