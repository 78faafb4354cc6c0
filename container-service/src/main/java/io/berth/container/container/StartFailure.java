package io.berth.container.container;

import io.berth.common.error.BerthException;
import java.util.Locale;

/**
 * The node could not start the container (TaskFailed). Like Docker, a missing or non-executable
 * command is the caller's mistake (400); anything else is ours (500).
 */
public class StartFailure extends BerthException {
  private final int status;

  private StartFailure(String message, int status) {
    super(message);
    this.status = status;
  }

  public static StartFailure of(String reason) {
    String message = reason == null || reason.isBlank() ? "failed to start container" : reason;
    String lower = message.toLowerCase(Locale.ROOT);
    boolean usersFault = lower.contains("not found") || lower.contains("no such file")
        || lower.contains("permission denied") || lower.contains("is a directory");
    return new StartFailure(message, usersFault ? 400 : 500);
  }

  /** Docker's exit code for a start failure: 127 command not found, 126 not executable, else 128. */
  public static int exitCodeFor(String reason) {
    String lower = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
    if (lower.contains("not found") || lower.contains("no such file")) {
      return 127;
    }
    if (lower.contains("permission denied") || lower.contains("is a directory")) {
      return 126;
    }
    return 128;
  }

  @Override
  public int status() {
    return status;
  }
}
