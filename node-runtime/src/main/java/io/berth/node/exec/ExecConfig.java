package io.berth.node.exec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code POST /containers/{id}/exec} asked for (Docker's ExecConfig).
 *
 * @param cmd the command and its arguments (required)
 * @param env extra {@code KEY=value} entries, over the container's own
 * @param workingDir absolute path inside the container; null = the container's
 * @param user {@code uid[:gid]} or a name from the container's /etc/passwd; null = the container's
 * @param tty allocate a pseudo-terminal
 * @param attachStdin whether the client sends stdin
 * @param attachStdout whether the client wants stdout
 * @param attachStderr whether the client wants stderr
 * @param privileged every capability of the node, as Docker's {@code exec --privileged}
 */
public record ExecConfig(
    List<String> cmd,
    List<String> env,
    String workingDir,
    String user,
    boolean tty,
    boolean attachStdin,
    boolean attachStdout,
    boolean attachStderr,
    boolean privileged) {

  public ExecConfig {
    cmd = List.copyOf(cmd);
    env = List.copyOf(env);
  }

  /** Parses Docker's JSON; a missing or empty Cmd is the client's error, as with dockerd. */
  public static ExecConfig parse(JsonNode json) {
    List<String> cmd = strings(json.path("Cmd"));
    if (cmd.isEmpty()) {
      throw new IllegalArgumentException("No exec command specified");
    }
    String dir = text(json.path("WorkingDir"));
    if (dir != null && !dir.startsWith("/")) {
      throw new IllegalArgumentException("the working directory '" + dir + "' is invalid, it needs to be an absolute path");
    }
    return new ExecConfig(
        cmd,
        strings(json.path("Env")),
        dir,
        text(json.path("User")),
        json.path("Tty").asBoolean(false),
        json.path("AttachStdin").asBoolean(false),
        json.path("AttachStdout").asBoolean(false),
        json.path("AttachStderr").asBoolean(false),
        json.path("Privileged").asBoolean(false));
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  private static String text(JsonNode node) {
    String s = node.isTextual() ? node.asText() : "";
    return s.isEmpty() ? null : s;
  }
}
