package io.berth.launcher.cli;

import picocli.CommandLine.Command;

/** The {@code ./berth} command and its subcommands. */
@Command(
    name = "berth",
    mixinStandardHelpOptions = true,
    version = "berth 0.1.0",
    description = "Runs the Berth platform on this machine: Kafka, PostgreSQL and every service.",
    subcommands = {
      UpCommand.class, DownCommand.class, StatusCommand.class, LogsCommand.class, EnvCommand.class,
      ResetCommand.class, SuperviseCommand.class, io.berth.launcher.token.TokenCommand.class, picocli.CommandLine.HelpCommand.class
    })
public class BerthCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
