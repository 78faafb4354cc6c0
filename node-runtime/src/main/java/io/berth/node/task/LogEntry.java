package io.berth.node.task;

import java.time.Instant;

/** One line a task wrote, as recorded in its k8s-file log. */
public record LogEntry(Instant time, Stream stream, String line) {
  /** Which output the line came from. */
  public enum Stream {
    STDOUT,
    STDERR
  }
}
