package io.berth.dockerfile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell patterns of {@code ${v#p}}, {@code ${v%p}} and {@code ${v/p/r}}: {@code *} any text
 * (shortest or longest), {@code ?} one character, a backslash escapes {@code *}, {@code ?} or
 * itself; no bracket expressions, as in Docker.
 */
final class ShellPattern {
  private ShellPattern() {}

  static String trimPrefix(String value, String pattern, boolean longest) {
    Matcher m = compile(pattern, longest, true).matcher(value);
    return m.find() ? value.substring(m.end()) : value;
  }

  /** Trims the shortest or longest matching suffix by matching a reversed prefix. */
  static String trimSuffix(String value, String pattern, boolean longest) {
    String reversed = new StringBuilder(value).reverse().toString();
    String trimmed = trimPrefix(reversed, reversePattern(pattern), longest);
    return new StringBuilder(trimmed).reverse().toString();
  }

  static String replace(String value, String pattern, String replacement, boolean all) {
    Matcher m = compile(pattern, true, false).matcher(value);
    String literal = Matcher.quoteReplacement(replacement);
    return all ? m.replaceAll(literal) : m.replaceFirst(literal);
  }

  private static Pattern compile(String pattern, boolean greedy, boolean anchored) {
    StringBuilder re = new StringBuilder(anchored ? "^" : "");
    for (int i = 0; i < pattern.length(); i++) {
      char ch = pattern.charAt(i);
      if (ch == '*') {
        re.append(greedy ? ".*" : ".*?");
      } else if (ch == '?') {
        re.append('.');
      } else if (ch == '\\') {
        char after = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
        // "\}" and "\/" only protect the ${} syntax; the backslash is not part of the pattern.
        if (after == '}' || after == '/') {
          continue;
        }
        if (after != '*' && after != '?' && after != '\\') {
          throw new IllegalArgumentException(
              "invalid pattern (" + pattern + ") in substitution: invalid escape '\\" + after + "'");
        }
        re.append('\\').append(after);
        i++;
      } else if ("[]{}.+()|^$".indexOf(ch) >= 0) {
        re.append('\\').append(ch);
      } else {
        re.append(ch);
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /** Reverses the pattern but keeps each escape before the character it escapes. */
  private static String reversePattern(String pattern) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      char ch = pattern.charAt(i);
      if (ch == '\\' && i + 1 < pattern.length()) {
        out.insert(0, pattern, i, i + 2);
        i += 2;
      } else {
        out.insert(0, ch);
        i++;
      }
    }
    return out.toString();
  }
}
