package io.berth.dockerfile;

import java.util.List;

/**
 * The command of RUN, CMD or ENTRYPOINT: exec form (JSON array) or shell form, where {@code args}
 * holds the single command-line text and the builder prepends the stage's SHELL.
 */
public record Command(List<String> args, boolean shellForm) {
  public Command {
    args = List.copyOf(args);
  }
}
