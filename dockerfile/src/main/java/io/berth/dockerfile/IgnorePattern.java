package io.berth.dockerfile;

import java.util.regex.Pattern;

/**
 * One .dockerignore pattern compiled the way Docker's pattern matcher does: a plain path matches
 * exactly, {@code dir/**} by prefix, {@code **}{@code /name} by suffix, anything else through a
 * regular expression where {@code *} and {@code ?} stay within a path element and {@code **}
 * crosses any number of them.
 */
final class IgnorePattern {
  private enum Kind {
    EXACT,
    PREFIX,
    SUFFIX,
    REGEX
  }

  private final String cleaned;
  private final boolean exclusion;
  private Kind kind = Kind.EXACT;
  private Pattern regex;

  IgnorePattern(String cleaned, boolean exclusion) {
    this.cleaned = cleaned;
    this.exclusion = exclusion;
    compile();
  }

  /** True for a {@code !pattern} line, which re-includes what earlier lines excluded. */
  boolean exclusion() {
    return exclusion;
  }

  boolean matches(String path) {
    switch (kind) {
      case EXACT:
        return path.equals(cleaned);
      case PREFIX:
        return path.startsWith(cleaned.substring(0, cleaned.length() - 2));
      case SUFFIX:
        String suffix = cleaned.substring(2);
        return path.endsWith(suffix) || suffix.startsWith("/") && path.equals(suffix.substring(1));
      default:
        return regex.matcher(path).matches();
    }
  }

  private void compile() {
    StringBuilder re = new StringBuilder();
    boolean inClass = false;
    int n = cleaned.length();
    for (int i = 0; i < n; i++) {
      char ch = cleaned.charAt(i);
      if (ch == '*' && i + 1 < n && cleaned.charAt(i + 1) == '*') {
        boolean atStart = i == 0;
        i++;
        if (i + 1 < n && cleaned.charAt(i + 1) == '/') {
          i++;
        }
        if (i + 1 >= n) {
          // A trailing "**" matches everything below, as in .gitignore.
          if (kind == Kind.EXACT) {
            kind = Kind.PREFIX;
          } else {
            re.append(".*");
            kind = Kind.REGEX;
          }
        } else {
          re.append("(.*/)?");
          kind = Kind.REGEX;
        }
        if (atStart) {
          kind = Kind.SUFFIX;
        }
      } else if (ch == '*') {
        re.append("[^/]*");
        kind = Kind.REGEX;
      } else if (ch == '?') {
        re.append("[^/]");
        kind = Kind.REGEX;
      } else if (ch == '\\') {
        if (i + 1 < n) {
          re.append(literal(cleaned.charAt(++i)));
          kind = Kind.REGEX;
        } else {
          re.append("\\\\");
        }
      } else if (ch == '[' && !inClass) {
        inClass = true;
        re.append(ch);
        kind = Kind.REGEX;
      } else if (ch == ']') {
        re.append(inClass ? "]" : "\\]");
        inClass = false;
        kind = Kind.REGEX;
      } else if (inClass && (ch == '-' || ch == '^')) {
        re.append(ch);
      } else {
        re.append(literal(ch));
      }
    }
    if (kind == Kind.REGEX) {
      regex = Pattern.compile(re.toString(), Pattern.DOTALL);
    }
  }

  /** The character as a regex literal (Java rejects a backslash before most letters). */
  private static String literal(char ch) {
    return Character.isLetterOrDigit(ch) ? String.valueOf(ch) : "\\" + ch;
  }
}
