package io.berth.gateway.webhook.subscription;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored webhook subscription. Filters are kept as JSON text ({@link SubscriptionFilter} reads
 * them), so the dispatcher can match with one plain query.
 */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {
  @Id public UUID id;

  @Column(nullable = false)
  public String url;

  /** JSON array of CloudEvents type patterns; empty = every type. */
  @Column(name = "event_types", nullable = false)
  public String eventTypes;

  /** JSON object of label filters; empty = no label condition. */
  @Column(nullable = false)
  public String labels;

  @Column(nullable = false)
  public String secret;

  /** CloudEvents binary mode (ce-* headers, data as body) instead of the structured JSON. */
  @Column(name = "binary_mode", nullable = false)
  public boolean binaryMode;

  @Column(nullable = false)
  public boolean active;

  @Column(name = "disabled_reason")
  public String disabledReason;

  @Column(name = "failed_attempts", nullable = false)
  public int failedAttempts;

  @Column(name = "failing_since")
  public Instant failingSince;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
