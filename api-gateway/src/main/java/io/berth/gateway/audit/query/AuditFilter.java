package io.berth.gateway.audit.query;

import io.berth.common.error.InvalidArgumentException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * The filters of {@code GET /berth/v1/audit} and its export: the caller (token name or id), the
 * object (id or name, as recorded), the action (exact, or a prefix ending in '*': "container.*"),
 * a time range (RFC 3339 or unix seconds, since inclusive, until inclusive) and a cursor (only
 * records after that seq).
 */
public record AuditFilter(String actor, String object, String action, Instant since, Instant until, long after) {

  public static AuditFilter parse(Function<String, String> param) {
    return new AuditFilter(blankToNull(param.apply("actor")), blankToNull(param.apply("object")),
        blankToNull(param.apply("action")), time("since", param.apply("since")),
        time("until", param.apply("until")), after(param.apply("after")));
  }

  /** The same filters, continuing after {@code seq}. */
  public AuditFilter after(long seq) {
    return new AuditFilter(actor, object, action, since, until, seq);
  }

  static Instant time(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      if (value.matches("[0-9]+(\\.[0-9]{1,9})?")) {
        BigDecimal seconds = new BigDecimal(value);
        return Instant.ofEpochSecond(seconds.longValue(),
            seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
      }
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new InvalidArgumentException(
          name + " must be an RFC 3339 time or unix seconds: " + value);
    }
  }

  private static long after(String value) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      long seq = Long.parseLong(value);
      if (seq < 0) {
        throw new NumberFormatException();
      }
      return seq;
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException("after must be a record's seq (a non-negative integer): " + value);
    }
  }

  /** The page size: 100 unless asked, at most 1000. */
  public static int limit(String value) {
    if (value == null || value.isBlank()) {
      return 100;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= 1000) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InvalidArgumentException("limit must be between 1 and 1000: " + value);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
