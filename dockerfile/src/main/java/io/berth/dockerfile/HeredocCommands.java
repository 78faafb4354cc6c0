package io.berth.dockerfile;

import java.util.List;

/**
 * The shell command a RUN with heredocs stands for, as BuildKit builds it: a RUN that is only
 * {@code <<EOF} runs the heredoc's content as the script; otherwise the heredocs are put back after
 * the command line for the shell, which understands them itself.
 */
final class HeredocCommands {
  private HeredocCommands() {}

  static Command run(Parsing p) {
    List<Heredoc> heredocs = p.heredocs();
    Heredoc only = heredocs.size() == 1 ? Heredoc.marker(p.rest().strip()) : null;
    if (only != null) {
      String script = heredocs.get(0).content();
      if (script.startsWith("#!")) {
        throw p.error("a RUN heredoc with a #! interpreter line is not supported yet");
      }
      return new Command(List.of(script), true);
    }
    StringBuilder full = new StringBuilder(p.rest());
    for (Heredoc heredoc : heredocs) {
      full.append('\n').append(heredoc.content()).append(heredoc.name());
    }
    return new Command(List.of(full.toString()), true);
  }
}
