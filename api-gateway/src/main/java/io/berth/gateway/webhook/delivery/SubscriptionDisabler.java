package io.berth.gateway.webhook.delivery;

import io.berth.common.db.DbSchema;
import io.berth.common.outbox.Outbox;
import io.berth.events.Envelope;
import io.berth.events.Sources;
import io.berth.events.webhook.v1.WebhookDisabled;
import io.berth.gateway.webhook.WebhookConfig;
import io.berth.gateway.webhook.subscription.ActiveSubscriptions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Switches off a subscription that has failed {@code disable-after-attempts} times in a row over
 * at least {@code disable-after-failing-for}, and announces it as a {@link WebhookDisabled} fact:
 * the row change and the outbox row commit together, so the fact is published if and only if the
 * subscription was disabled (once: only an active row is changed).
 */
@ApplicationScoped
public class SubscriptionDisabler {
  private static final Logger LOG = Logger.getLogger(SubscriptionDisabler.class);

  private final Outbox outbox;
  private final int attempts;
  private final Duration failingFor;
  private final String disable;
  private final ActiveSubscriptions active;

  public SubscriptionDisabler(Outbox outbox, WebhookConfig config, DbSchema schema, ActiveSubscriptions active) {
    this.active = active;
    this.outbox = outbox;
    this.attempts = config.disableAfterAttempts();
    this.failingFor = config.disableAfterFailingFor();
    this.disable = "update " + schema.table("webhook_subscription")
        + " set active = false, disabled_reason = :reason, updated_at = now() where id = :id and active";
  }

  public boolean due(DeliveryRepository.Failing f, Instant now) {
    return f.active() && f.failedAttempts() >= attempts
        && !f.failingSince().plus(failingFor).isAfter(now);
  }

  /** Disables {@code f}'s subscription; completes with whether this call disabled it. */
  public Uni<Boolean> disable(DeliveryRepository.Failing f, String lastError) {
    Instant now = Instant.now();
    String reason = f.failedAttempts() + " failed attempts since " + f.failingSince()
        + (lastError == null ? "" : "; last: " + lastError);
    return Panache.withTransaction(() -> Panache.getSession()
        .chain(s -> s.createNativeQuery(disable)
            .setParameter("reason", reason)
            .setParameter("id", f.subscriptionId())
            .executeUpdate())
        .chain(changed -> changed == 0
            ? Uni.createFrom().item(false)
            : outbox.add(Envelope.of(Sources.service("api-gateway"), new WebhookDisabled(
                    f.subscriptionId().toString(), f.url(), f.failedAttempts(), f.failingSince(), lastError, now)))
                .invoke(() -> LOG.warnf("webhook %s disabled: %s", f.subscriptionId(), reason))
                .replaceWith(true)))
        .invoke(disabled -> {
          if (disabled) {
            active.invalidate();
          }
        });
  }
}
