package io.berth.gateway.webhook.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A subscription as the API shows it; {@code secret} only in the answer to its creation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionResponse(
    String id, String url, List<String> eventTypes, Map<String, String> labels, boolean binary,
    boolean active, String disabledReason, int failedAttempts, Instant failingSince,
    Instant createdAt, Instant updatedAt, String secret) {

  static SubscriptionResponse of(WebhookSubscription s, boolean withSecret) {
    SubscriptionFilter filter = SubscriptionFilter.fromJson(s.eventTypes, s.labels);
    return new SubscriptionResponse(
        s.id.toString(), s.url, filter.types(), filter.labels(), s.binaryMode, s.active,
        s.disabledReason, s.failedAttempts, s.failingSince, s.createdAt, s.updatedAt,
        withSecret ? s.secret : null);
  }
}
