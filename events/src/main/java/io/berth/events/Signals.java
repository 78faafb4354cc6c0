package io.berth.events;

import java.util.List;
import java.util.Locale;

/**
 * Signal names and numbers as {@code docker kill --signal} accepts them (Linux x86-64). Commands
 * carry canonical names ({@code SIGTERM}); nodes turn them into numbers.
 */
public final class Signals {
  // Index = signal number; the Linux numbering of x86-64.
  private static final List<String> NAMES =
      List.of(
          "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV",
          "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU",
          "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");

  private Signals() {}

  /**
   * The canonical form of {@code signal}: {@code SIGTERM} for {@code TERM}, {@code sigterm} or
   * {@code 15}; {@code SIGRTMIN+n} numbers stay numbers. {@link IllegalArgumentException} if unknown.
   */
  public static String normalize(String signal) {
    if (signal == null || signal.isBlank()) {
      return "SIGKILL";
    }
    String s = signal.trim().toUpperCase(Locale.ROOT);
    if (s.chars().allMatch(Character::isDigit)) {
      int n;
      try {
        n = Integer.parseInt(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Invalid signal: " + signal);
      }
      if (n < 1 || n > 64) {
        throw new IllegalArgumentException("Invalid signal: " + signal);
      }
      return n < NAMES.size() ? "SIG" + NAMES.get(n) : String.valueOf(n);
    }
    String bare = s.startsWith("SIG") ? s.substring(3) : s;
    if (bare.isEmpty() || !NAMES.contains(bare)) {
      throw new IllegalArgumentException("Invalid signal: " + signal);
    }
    return "SIG" + bare;
  }

  /** The number of a signal given as a name or number ({@code SIGTERM}, {@code TERM}, {@code 15}). */
  public static int number(String signal) {
    String canonical = normalize(signal);
    if (canonical.startsWith("SIG")) {
      return NAMES.indexOf(canonical.substring(3));
    }
    return Integer.parseInt(canonical);
  }

  /** The canonical name of signal {@code number}, e.g. {@code SIGKILL} for 9. */
  public static String name(int number) {
    return normalize(String.valueOf(number));
  }
}
