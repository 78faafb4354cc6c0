package io.berth.common.inbox;

import io.berth.events.CloudEvent;
import io.berth.events.EventCodec;
import io.berth.events.EventDecodingException;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Turns an incoming Kafka record (binary-mode CloudEvent) into a typed {@link CloudEvent} with
 * {@link EventCodec}. Throws {@link EventDecodingException} for anything undecodable: let it fail
 * the message so the dead-letter-queue failure strategy keeps it.
 */
public final class IncomingEvents {
  private IncomingEvents() {}

  /** Decodes a record received as {@code ConsumerRecord<String, byte[]>}. */
  public static CloudEvent<?> decode(ConsumerRecord<?, byte[]> record) {
    return EventCodec.decode(headers(record.headers()), record.value());
  }

  /** Decodes a {@code Message<byte[]>} from a smallrye-kafka channel. */
  public static CloudEvent<?> decode(Message<byte[]> message) {
    IncomingKafkaRecordMetadata<?, ?> metadata =
        message
            .getMetadata(IncomingKafkaRecordMetadata.class)
            .orElseThrow(() -> new EventDecodingException("not a Kafka message: no IncomingKafkaRecordMetadata"));
    return EventCodec.decode(headers(metadata.getHeaders()), message.getPayload());
  }

  /** The CloudEvents type of a record (its {@code ce_type} header), null when it has none. */
  public static String type(Headers headers) {
    Header h = headers.lastHeader(io.berth.events.CeHeaders.TYPE);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** Kafka headers as a map (the last value wins for a repeated name). */
  public static Map<String, String> headers(Headers headers) {
    Map<String, String> map = new HashMap<>();
    for (Header header : headers) {
      if (header.value() != null) {
        map.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    return map;
  }
}
