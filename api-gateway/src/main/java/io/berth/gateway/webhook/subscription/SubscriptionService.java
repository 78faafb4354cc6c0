package io.berth.gateway.webhook.subscription;

import io.berth.common.error.InvalidArgumentException;
import io.berth.common.error.NotFoundException;
import io.berth.events.EventCodec;
import io.berth.events.Sources;
import io.berth.gateway.webhook.delivery.DeliveryOutbox;
import io.berth.gateway.webhook.delivery.WebhookSignature;
import io.berth.gateway.webhook.dispatch.CloudEventJson;
import io.berth.gateway.webhook.safety.DestinationGuard;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Creates, changes and removes webhook subscriptions, and queues their ping events. */
@ApplicationScoped
public class SubscriptionService {

  /** Type of the event {@code POST /berth/v1/webhooks/{id}/test} sends; not a Kafka fact. */
  public static final String PING_TYPE = "io.berth.webhook.ping.v1";

  private final DestinationGuard guard;
  private final DeliveryOutbox deliveries;

  public SubscriptionService(DestinationGuard guard, DeliveryOutbox deliveries) {
    this.guard = guard;
    this.deliveries = deliveries;
  }

  @WithTransaction
  public Uni<WebhookSubscription> create(SubscriptionRequest request) {
    if (request == null || request.url() == null) {
      throw new InvalidArgumentException("url is required");
    }
    WebhookSubscription s = new WebhookSubscription();
    s.id = UUID.randomUUID();
    s.url = checkedUrl(request.url());
    SubscriptionFilter filter = filter(request, null);
    s.eventTypes = filter.typesJson();
    s.labels = filter.labelsJson();
    s.secret = request.secret() == null || request.secret().isEmpty()
        ? WebhookSignature.newSecret() : request.secret();
    s.binaryMode = Boolean.TRUE.equals(request.binary());
    s.active = request.active() == null || request.active();
    s.createdAt = Instant.now();
    s.updatedAt = s.createdAt;
    return s.persist().replaceWith(s);
  }

  @WithSession
  public Uni<List<WebhookSubscription>> list() {
    return WebhookSubscription.<WebhookSubscription>listAll(io.quarkus.panache.common.Sort.by("createdAt"));
  }

  @WithSession
  public Uni<WebhookSubscription> get(String id) {
    return find(id);
  }

  /** Applies the non-null fields; activating again clears the failure record. */
  @WithTransaction
  public Uni<WebhookSubscription> update(String id, SubscriptionRequest request) {
    if (request == null) {
      throw new InvalidArgumentException("request body is required");
    }
    return find(id).invoke(s -> {
      if (request.url() != null) {
        s.url = checkedUrl(request.url());
      }
      SubscriptionFilter filter = filter(request, SubscriptionFilter.fromJson(s.eventTypes, s.labels));
      s.eventTypes = filter.typesJson();
      s.labels = filter.labelsJson();
      if (request.secret() != null && !request.secret().isEmpty()) {
        s.secret = request.secret();
      }
      if (request.binary() != null) {
        s.binaryMode = request.binary();
      }
      if (request.active() != null) {
        if (request.active() && !s.active) {
          s.failedAttempts = 0;
          s.failingSince = null;
          s.disabledReason = null;
        }
        s.active = request.active();
      }
      s.updatedAt = Instant.now();
    });
  }

  @WithTransaction
  public Uni<Void> delete(String id) {
    return find(id).chain(s -> s.delete());
  }

  /** Queues a ping event for the subscription; the event's id. */
  public Uni<String> ping(String id) {
    String eventId = UUID.randomUUID().toString();
    return Panache.withTransaction(() -> find(id).chain(s -> {
          var data = EventCodec.mapper().createObjectNode().put("subscriptionId", s.id.toString());
          String json = CloudEventJson.of(eventId, Sources.service("api-gateway"), PING_TYPE,
              s.id.toString(), Instant.now(), null, data).toString();
          return deliveries.add(s.id, eventId, PING_TYPE, s.id.toString(), json);
        }))
        .invoke(() -> deliveries.committed())
        .replaceWith(eventId);
  }

  private Uni<WebhookSubscription> find(String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().failure(new NotFoundException("No such webhook: " + id));
    }
    return WebhookSubscription.<WebhookSubscription>findById(uuid)
        .onItem().ifNull().failWith(() -> new NotFoundException("No such webhook: " + id));
  }

  private String checkedUrl(String url) {
    try {
      URI uri = new URI(url);
      guard.checkLiteral(uri);
      return uri.toString();
    } catch (URISyntaxException e) {
      throw new InvalidArgumentException("invalid webhook URL: " + e.getMessage());
    } catch (DestinationGuard.RefusedException e) {
      throw new InvalidArgumentException(e.getMessage());
    }
  }

  private static SubscriptionFilter filter(SubscriptionRequest request, SubscriptionFilter current) {
    try {
      return new SubscriptionFilter(
          request.eventTypes() != null ? request.eventTypes() : current == null ? null : current.types(),
          request.labels() != null ? request.labels() : current == null ? null : current.labels());
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(e.getMessage());
    }
  }
}
