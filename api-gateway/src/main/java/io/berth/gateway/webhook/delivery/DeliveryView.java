package io.berth.gateway.webhook.delivery;

import java.time.Instant;
import java.util.List;

/** One delivery in the log: the event it carries, its state and every attempt so far. */
public record DeliveryView(
    long id, String eventId, String eventType, String objectId, String state, int attemptCount,
    Instant nextAttemptAt, Instant createdAt, Instant finishedAt, List<Attempt> attempts) {}
