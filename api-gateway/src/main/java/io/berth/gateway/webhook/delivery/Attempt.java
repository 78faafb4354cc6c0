package io.berth.gateway.webhook.delivery;

import java.time.Instant;

/**
 * The outcome of one HTTP attempt, as the delivery log keeps it.
 *
 * @param httpStatus null when no response arrived (refused, timeout, connection error)
 * @param error why it failed without a status, or null
 */
public record Attempt(
    Instant attemptedAt, Integer httpStatus, long latencyMillis, String responseSnippet, String error) {

  public boolean succeeded() {
    return httpStatus != null && httpStatus >= 200 && httpStatus < 300;
  }

  /** A short description for the subscription's failure record. */
  public String describe() {
    return httpStatus != null ? "HTTP " + httpStatus : error;
  }
}
