package io.berth.launcher;

import io.berth.launcher.cli.BerthCommand;
import picocli.CommandLine;

/** Entry point of {@code ./berth}. */
public final class Berth {
  private Berth() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return new CommandLine(new BerthCommand());
  }
}
