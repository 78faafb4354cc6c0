package io.berth.events.container.v1;

import io.berth.events.Collections2;
import java.util.List;
import java.util.Map;

/**
 * What to run inside a container, already merged from the image config and the create request
 * (the node applies it as given; it never reads the image config to fill gaps).
 *
 * @param entrypoint executable and leading arguments (Docker {@code Entrypoint}); may be empty
 * @param cmd arguments after the entrypoint, or the command itself when there is none (Docker {@code Cmd})
 * @param env {@code KEY=value} entries
 * @param workingDir absolute path inside the rootfs; null = {@code /}
 * @param user {@code uid[:gid]} or a name resolved in the rootfs; null = root
 * @param hostname UTS hostname; null = the first 12 characters of the container id
 * @param labels container labels
 * @param tty allocate a pseudo terminal
 * @param openStdin keep stdin open for attach
 * @param resources resource limits (optional; null = none)
 * @param security security options (optional; null = Docker's defaults)
 * @param mounts bind mounts and volumes, in the order they are mounted (optional; empty = none)
 * @param logConfig log rotation (optional; null = the log is never rotated, Docker's json-file default)
 * @param stdinOnce close the container's stdin when the first attached client's stdin ends
 *     (Docker {@code StdinOnce}; {@code docker run -i} sets it)
 * @param consoleSize the terminal's initial {@code [height, width]} (Docker's
 *     {@code HostConfig.ConsoleSize}); null = the runtime's default
 */
public record ContainerSpec(
    List<String> entrypoint,
    List<String> cmd,
    List<String> env,
    String workingDir,
    String user,
    String hostname,
    Map<String, String> labels,
    boolean tty,
    boolean openStdin,
    ContainerResources resources,
    ContainerSecurity security,
    // Omitted when empty, so commands without mounts keep their exact pre-mounts wire form.
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        List<ContainerMount> mounts,
    ContainerLogConfig logConfig,
    // Both omitted for containers without a terminal or stdin: their wire form stays as it was.
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
        boolean stdinOnce,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        List<Integer> consoleSize) {

  /** A spec for a process without a terminal size or stdin-once semantics. */
  public ContainerSpec(
      List<String> entrypoint,
      List<String> cmd,
      List<String> env,
      String workingDir,
      String user,
      String hostname,
      Map<String, String> labels,
      boolean tty,
      boolean openStdin,
      ContainerResources resources,
      ContainerSecurity security,
      List<ContainerMount> mounts,
      ContainerLogConfig logConfig) {
    this(entrypoint, cmd, env, workingDir, user, hostname, labels, tty, openStdin, resources, security, mounts,
        logConfig, false, null);
  }

  /** A spec without log rotation. */
  public ContainerSpec(
      List<String> entrypoint,
      List<String> cmd,
      List<String> env,
      String workingDir,
      String user,
      String hostname,
      Map<String, String> labels,
      boolean tty,
      boolean openStdin,
      ContainerResources resources,
      ContainerSecurity security,
      List<ContainerMount> mounts) {
    this(entrypoint, cmd, env, workingDir, user, hostname, labels, tty, openStdin, resources, security, mounts, null);
  }

  /** A spec without mounts. */
  public ContainerSpec(
      List<String> entrypoint,
      List<String> cmd,
      List<String> env,
      String workingDir,
      String user,
      String hostname,
      Map<String, String> labels,
      boolean tty,
      boolean openStdin,
      ContainerResources resources,
      ContainerSecurity security) {
    this(entrypoint, cmd, env, workingDir, user, hostname, labels, tty, openStdin, resources, security, null, null);
  }

  /** A spec without limits and with the default security options. */
  public ContainerSpec(
      List<String> entrypoint,
      List<String> cmd,
      List<String> env,
      String workingDir,
      String user,
      String hostname,
      Map<String, String> labels,
      boolean tty,
      boolean openStdin) {
    this(entrypoint, cmd, env, workingDir, user, hostname, labels, tty, openStdin, null, null, null, null);
  }

  public ContainerSpec {
    entrypoint = Collections2.list(entrypoint);
    cmd = Collections2.list(cmd);
    env = Collections2.list(env);
    labels = Collections2.map(labels);
    mounts = Collections2.list(mounts);
    consoleSize = consoleSize == null || consoleSize.size() != 2 || consoleSize.get(0) == null || consoleSize.get(1) == null
        || consoleSize.get(0) <= 0 || consoleSize.get(1) <= 0 ? List.of() : List.copyOf(consoleSize);
  }
}
