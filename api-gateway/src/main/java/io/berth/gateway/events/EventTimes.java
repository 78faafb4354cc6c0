package io.berth.gateway.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the {@code since}/{@code until} of GET /events: unix seconds with an optional fraction
 * (what the docker CLI sends), RFC 3339 times, a bare date, or a Go duration ("10m") before now.
 */
public final class EventTimes {

  private static final Pattern SECONDS = Pattern.compile("^(\\d+)(?:\\.(\\d{1,9}))?$");
  private static final Pattern DURATION = Pattern.compile("^(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)$");

  private EventTimes() {}

  /** The instant, or null for an empty value; IllegalArgumentException if malformed. */
  public static Instant parse(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    Matcher s = SECONDS.matcher(v);
    if (s.matches()) {
      long nanos = 0;
      if (s.group(2) != null) {
        // "1.5" is 1 s + 500000000 ns: the fraction is right-padded, not read as a number.
        nanos = Long.parseLong((s.group(2) + "000000000").substring(0, 9));
      }
      return Instant.ofEpochSecond(Long.parseLong(s.group(1)), nanos);
    }
    Matcher d = DURATION.matcher(v);
    if (d.matches()) {
      return now.minus(duration(new BigDecimal(d.group(1)), d.group(2)));
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("invalid timestamp '" + value + "'");
    }
  }

  private static Duration duration(BigDecimal amount, String unit) {
    long nanosPerUnit =
        switch (unit) {
          case "ns" -> 1L;
          case "us", "µs" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          default -> 3_600_000_000_000L;
        };
    return Duration.ofNanos(amount.multiply(BigDecimal.valueOf(nanosPerUnit)).longValue());
  }
}
