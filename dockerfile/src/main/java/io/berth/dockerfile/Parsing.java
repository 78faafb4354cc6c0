package io.berth.dockerfile;

import java.util.List;
import java.util.Map;

/** One instruction being parsed: where it is, its text, its arguments and its flag words. */
record Parsing(
    Location at, String original, String rest, List<String> flagWords, List<Heredoc> heredocs) {
  /** The instruction's flags, rejecting those it does not accept. */
  BuilderFlags flags(Map<String, BuilderFlags.Kind> accepted) {
    return BuilderFlags.parse(flagWords, accepted, at);
  }

  DockerfileException error(String detail) {
    return new DockerfileException(at, detail);
  }
}
