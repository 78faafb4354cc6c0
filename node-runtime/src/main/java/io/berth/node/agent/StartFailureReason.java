package io.berth.node.agent;

import java.util.Locale;

/**
 * Words a failed start in the way Docker does, because the docker CLI reads them: a message with
 * "executable file not found" or "no such file or directory" makes `docker run` exit 127, one with
 * "permission denied" 126 (cli/command/container: toStatusError). crun and runc word it otherwise.
 */
final class StartFailureReason {
  private StartFailureReason() {}

  static String of(String command, String runtimeMessage) {
    String lower = runtimeMessage == null ? "" : runtimeMessage.toLowerCase(Locale.ROOT);
    String exec = "exec: \"" + command + "\": ";
    if (lower.contains("not found in $path") || lower.contains("executable file not found")) {
      return "OCI runtime create failed: " + exec + "executable file not found in $PATH: unknown";
    }
    if (lower.contains("no such file or directory") && lower.contains("executable")) {
      return "OCI runtime create failed: " + exec + "stat " + command + ": no such file or directory: unknown";
    }
    if (lower.contains("permission denied")) {
      return "OCI runtime create failed: " + exec + "permission denied: unknown";
    }
    return "OCI runtime create failed: " + runtimeMessage;
  }
}
