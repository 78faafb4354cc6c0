package io.berth.image.push;

import io.berth.common.outbox.Outbox;
import io.berth.events.Envelope;
import io.berth.events.Sources;
import io.berth.events.image.v1.ImagePushed;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Records a finished {@code docker push} as the {@code ImagePushed} fact (through the outbox). */
@ApplicationScoped
public class PushRecorder {
  private static final String SOURCE = Sources.service("image-service");

  private final Outbox outbox;

  public PushRecorder(Outbox outbox) {
    this.outbox = outbox;
  }

  public Uni<Void> record(String name, String tag, String manifestDigest, String mediaType) {
    return Panache.withTransaction(() -> outbox.add(Envelope.of(SOURCE,
        new ImagePushed(name, tag, manifestDigest, mediaType, null, Instant.now()))));
  }
}
