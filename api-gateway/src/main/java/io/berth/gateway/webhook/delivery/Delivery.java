package io.berth.gateway.webhook.delivery;

import java.time.Instant;
import java.util.UUID;

/** One claimed delivery: what to send where, with which secret. */
public record Delivery(
    long id, UUID subscriptionId, String eventId, String eventJson, int attempt, Instant createdAt,
    String url, String secret, boolean binary) {}
