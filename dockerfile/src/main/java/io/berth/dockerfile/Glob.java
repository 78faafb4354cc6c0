package io.berth.dockerfile;

/**
 * Shell patterns with the semantics of Go's {@code filepath.Match}, which Docker uses for COPY and
 * ADD sources: {@code *} is any run of characters but '/', {@code ?} one character but '/', {@code
 * [a-z]} and {@code [^a-z]} classes, and a backslash makes the next character literal. The pattern
 * must match the whole path.
 *
 * @see <a href="https://pkg.go.dev/path/filepath#Match">filepath.Match</a>
 */
public final class Glob {
  private Glob() {}

  /** Whether {@code path} matches; false for a malformed pattern (see {@link #isValid}). */
  public static boolean matches(String pattern, String path) {
    return isValid(pattern) && match(pattern, 0, path, 0);
  }

  /** Whether Go would accept the pattern (no unterminated class or dangling escape). */
  public static boolean isValid(String pattern) {
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        if (i + 1 >= pattern.length()) {
          return false;
        }
        i += 2;
      } else if (c == '[') {
        i = classEnd(pattern, i);
        if (i < 0) {
          return false;
        }
      } else {
        i++;
      }
    }
    return true;
  }

  /** Whether the pattern has any of Go's special characters, i.e. is not a plain path. */
  public static boolean hasWildcards(String pattern) {
    return pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '\\');
  }

  private static boolean match(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      switch (c) {
        case '*':
          while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
          }
          for (int k = si; ; k++) {
            if (match(p, pi, s, k)) {
              return true;
            }
            if (k >= s.length() || s.charAt(k) == '/') {
              return false;
            }
          }
        case '?':
          if (si >= s.length() || s.charAt(si) == '/') {
            return false;
          }
          pi++;
          si++;
          break;
        case '[':
          if (si >= s.length() || !classMatches(p, pi, s.charAt(si))) {
            return false;
          }
          pi = classEnd(p, pi);
          si++;
          break;
        case '\\':
          pi++;
          c = p.charAt(pi);
          // fall through: the escaped character is literal
        default:
          if (si >= s.length() || s.charAt(si) != c) {
            return false;
          }
          pi++;
          si++;
      }
    }
    return si == s.length();
  }

  /** The index after the class starting at {@code start}, or -1 when malformed. */
  private static int classEnd(String p, int start) {
    int i = start + 1;
    if (i < p.length() && p.charAt(i) == '^') {
      i++;
    }
    int ranges = 0;
    while (true) {
      if (i < p.length() && p.charAt(i) == ']' && ranges > 0) {
        return i + 1;
      }
      i = classChar(p, i);
      if (i < 0) {
        return -1;
      }
      if (p.charAt(i) == '-') {
        i = classChar(p, i + 1);
        if (i < 0) {
          return -1;
        }
      }
      ranges++;
    }
  }

  /** Index after one (possibly escaped) class character, -1 when malformed or at the end. */
  private static int classChar(String p, int i) {
    if (i >= p.length() || p.charAt(i) == '-' || p.charAt(i) == ']') {
      return -1;
    }
    if (p.charAt(i) == '\\') {
      i++;
      if (i >= p.length()) {
        return -1;
      }
    }
    i++;
    return i < p.length() ? i : -1;
  }

  private static boolean classMatches(String p, int start, char ch) {
    int i = start + 1;
    boolean negated = i < p.length() && p.charAt(i) == '^';
    if (negated) {
      i++;
    }
    boolean matched = false;
    boolean first = true;
    while (first || p.charAt(i) != ']') {
      first = false;
      if (p.charAt(i) == '\\') {
        i++;
      }
      char lo = p.charAt(i++);
      char hi = lo;
      if (p.charAt(i) == '-') {
        i++;
        if (p.charAt(i) == '\\') {
          i++;
        }
        hi = p.charAt(i++);
      }
      if (lo <= ch && ch <= hi) {
        matched = true;
      }
    }
    return matched != negated;
  }
}
