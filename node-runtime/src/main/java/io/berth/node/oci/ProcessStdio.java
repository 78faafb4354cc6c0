package io.berth.node.oci;

/**
 * How a container's main process meets its user: with a pseudo-terminal ({@code -t}), with a
 * stdin kept open for attach ({@code -i}), and whether that stdin closes when the first attached
 * client's input ends (Docker's {@code StdinOnce}, which {@code docker run -i} sets).
 *
 * @param consoleHeight the terminal's initial rows, 0 = the runtime's default
 * @param consoleWidth the terminal's initial columns, 0 = the runtime's default
 */
public record ProcessStdio(boolean tty, boolean openStdin, boolean stdinOnce, int consoleHeight, int consoleWidth) {

  /** No terminal, no stdin: output only (docker run without -i/-t). */
  public static final ProcessStdio NONE = new ProcessStdio(false, false, false, 0, 0);

  /** Whether a client can type into the process or needs the raw terminal stream. */
  public boolean interactive() {
    return tty || openStdin;
  }

  /**
   * Whether the process's stdin stays open when an attached client goes: always with a terminal
   * (Docker closes a terminal's input only on exit), otherwise unless it is stdin-once.
   */
  public boolean keepsStdinOpen() {
    return openStdin && (tty || !stdinOnce);
  }
}
