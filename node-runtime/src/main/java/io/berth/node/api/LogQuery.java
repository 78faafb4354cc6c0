package io.berth.node.api;

import io.berth.node.task.LogEntry;
import io.vertx.core.MultiMap;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;

/** The query of {@code GET /containers/{id}/logs}, as Docker defines it. */
public record LogQuery(boolean stdout, boolean stderr, boolean follow, boolean timestamps, int tail, Instant since, Instant until) {
  /** {@code tail} value meaning all lines. */
  public static final int ALL = -1;

  public static LogQuery parse(MultiMap params) {
    return new LogQuery(
        flag(params.get("stdout")),
        flag(params.get("stderr")),
        flag(params.get("follow")),
        flag(params.get("timestamps")),
        tail(params.get("tail")),
        time(params.get("since")),
        time(params.get("until")));
  }

  /** Whether {@code entry} is wanted, stream and time window considered (tail aside). */
  public boolean wants(LogEntry entry) {
    boolean stream = entry.stream() == LogEntry.Stream.STDERR ? stderr : stdout;
    return stream
        && (since == null || !entry.time().isBefore(since))
        && (until == null || !entry.time().isAfter(until));
  }

  static boolean flag(String value) {
    return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
  }

  static int tail(String value) {
    if (value == null || value.isBlank() || value.equals("all")) {
      return ALL;
    }
    try {
      return Math.max(0, Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid tail value: " + value);
    }
  }

  /** Unix seconds with an optional fraction (what the docker CLI sends), or RFC 3339; 0 = unset. */
  static Instant time(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      BigDecimal seconds = new BigDecimal(value.trim());
      if (seconds.signum() == 0) {
        return null;
      }
      return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    } catch (NumberFormatException e) {
      try {
        return OffsetDateTime.parse(value.trim()).toInstant();
      } catch (RuntimeException e2) {
        throw new IllegalArgumentException("invalid time value: " + value);
      }
    }
  }
}
