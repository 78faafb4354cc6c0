package io.berth.dockerfile;

import java.util.List;

/**
 * The command of RUN, CMD or ENTRYPOINT: exec form (JSON array) or shell form, where {@code args}
 * holds the single command-line text and the builder prepends the stage's SHELL. Empty args come
 * from {@code CMD []}, {@code ENTRYPOINT []} or a bare {@code CMD}/{@code ENTRYPOINT}, which Docker
 * takes as clearing the setting. A RUN with heredocs arrives here already as shell-form text.
 */
public record Command(List<String> args, boolean shellForm) {
  public Command {
    args = List.copyOf(args);
  }
}
