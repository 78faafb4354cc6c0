package io.berth.events.webhook.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/**
 * Fact: api-gateway switched a webhook subscription off because its deliveries kept failing.
 * Type {@code io.berth.webhook.disabled.v1}.
 *
 * @param subscriptionId the subscription's id (also the CloudEvents subject)
 * @param url the target URL that kept failing
 * @param failedAttempts consecutive failed attempts when it was disabled
 * @param failingSince first failed attempt of that run (optional)
 * @param lastError what the last attempt got: an HTTP status or a connection error (optional)
 * @param disabledAt when it was disabled
 */
public record WebhookDisabled(
    String subscriptionId, String url, int failedAttempts, Instant failingSince, String lastError,
    Instant disabledAt) implements EventData {
  public WebhookDisabled {
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(url, "url");
  }
}
