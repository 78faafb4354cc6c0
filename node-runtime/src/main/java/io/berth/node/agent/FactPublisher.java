package io.berth.node.agent;

import io.berth.events.CloudEvent;
import io.berth.events.Envelope;
import io.berth.events.EventCodec;
import io.berth.events.EventData;
import io.berth.events.EventTypes;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes this node's facts (Task*, NodeHeartbeat) straight to Kafka as binary-mode CloudEvents.
 *
 * <p>The node has no database, so no outbox: a fact lost in a crash is re-derived at start-up from
 * the exit files on disk, and consumers deduplicate on source+id.
 */
@ApplicationScoped
public class FactPublisher {
  public static final String CHANNEL = "node-facts";

  private final MutinyEmitter<byte[]> emitter;
  private final NodeIdentity node;

  public FactPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter, NodeIdentity node) {
    this.emitter = emitter;
    this.node = node;
  }

  /** Sends one fact; the Uni completes when the broker acknowledged it. */
  public Uni<Void> publish(EventData fact) {
    CloudEvent<EventData> event = Envelope.of(node.source(), fact);
    RecordHeaders headers = new RecordHeaders();
    for (Map.Entry<String, String> h : Envelope.headers(event).entrySet()) {
      headers.add(h.getKey(), h.getValue().getBytes(StandardCharsets.UTF_8));
    }
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(EventTypes.of(fact).topic())
            .withKey(event.subject())
            .withHeaders(headers)
            .build();
    return emitter.sendMessage(Message.of(EventCodec.encode(fact)).addMetadata(metadata));
  }
}
