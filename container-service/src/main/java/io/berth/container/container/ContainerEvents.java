package io.berth.container.container;

import io.berth.common.outbox.Outbox;
import io.berth.events.EventData;
import io.berth.events.Envelope;
import io.berth.events.Sources;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Emits container-service's commands and facts through the outbox of the current transaction. */
@ApplicationScoped
public class ContainerEvents {
  public static final String SOURCE = Sources.service("container-service");

  private final Outbox outbox;

  public ContainerEvents(Outbox outbox) {
    this.outbox = outbox;
  }

  /** Adds {@code data} to the current transaction; published after it commits. */
  public Uni<Void> emit(EventData data) {
    return outbox.add(Envelope.of(SOURCE, data));
  }
}
