package io.berth.network.network;

import io.berth.common.outbox.Outbox;
import io.berth.events.EventData;
import io.berth.events.Envelope;
import io.berth.events.Sources;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Emits network-service's facts through the outbox of the current transaction. */
@ApplicationScoped
public class NetworkEvents {
  public static final String SOURCE = Sources.service("network-service");

  private final Outbox outbox;

  public NetworkEvents(Outbox outbox) {
    this.outbox = outbox;
  }

  public Uni<Void> emit(EventData data) {
    return outbox.add(Envelope.of(SOURCE, data));
  }
}
