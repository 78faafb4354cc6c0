package io.berth.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * JSON encoding of event data and decoding of a Kafka record (headers + value bytes) back into a
 * typed {@link CloudEvent}. Uses its own {@link ObjectMapper} so the wire format does not depend
 * on how a service configures Jackson: ISO-8601 times, null fields omitted, unknown fields ignored
 * (a newer producer may add optional fields within v1).
 */
public final class EventCodec {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private EventCodec() {}

  /** The mapper of the wire format (do not reconfigure it). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** The JSON bytes of {@code data}, the Kafka record value. */
  public static byte[] encode(EventData data) {
    try {
      return MAPPER.writeValueAsBytes(data);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize " + data.getClass().getName(), e);
    }
  }

  /** The JSON text of {@code data}. */
  public static String encodeToString(EventData data) {
    try {
      return MAPPER.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize " + data.getClass().getName(), e);
    }
  }

  /** Reads the JSON of one registered record class. */
  public static <T extends EventData> T decodeData(byte[] json, Class<T> dataClass) {
    try {
      T data = MAPPER.readValue(json, dataClass);
      if (data == null) {
        throw new EventDecodingException("empty payload for " + dataClass.getSimpleName());
      }
      return data;
    } catch (IOException | RuntimeException e) {
      if (e instanceof EventDecodingException ede) {
        throw ede;
      }
      throw new EventDecodingException(
          "payload is not a valid " + dataClass.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Decodes a Kafka record in binary mode. Throws {@link UnknownEventTypeException} for an
   * unregistered {@code ce_type} and {@link EventDecodingException} for anything else malformed.
   */
  public static CloudEvent<?> decode(Map<String, String> headers, byte[] payload) {
    String specversion = headers.get(CeHeaders.SPECVERSION);
    if (!CloudEvent.SPEC_VERSION.equals(specversion)) {
      throw new EventDecodingException(
          "not a CloudEvents 1.0 binary-mode record (ce_specversion=" + specversion + ")");
    }
    String type = required(headers, CeHeaders.TYPE);
    EventType<?> eventType = EventTypes.forType(type);
    if (payload == null || payload.length == 0) {
      throw new EventDecodingException("record of type " + type + " has no payload");
    }
    return build(headers, type, decodeData(payload, eventType.dataClass()));
  }

  /** As {@link #decode(Map, byte[])}, additionally requiring the given record class. */
  public static <T extends EventData> CloudEvent<T> decode(
      Map<String, String> headers, byte[] payload, Class<T> dataClass) {
    CloudEvent<?> event = decode(headers, payload);
    if (!dataClass.isInstance(event.data())) {
      throw new EventDecodingException(
          "expected " + dataClass.getSimpleName() + " but got type " + event.type());
    }
    @SuppressWarnings("unchecked")
    CloudEvent<T> typed = (CloudEvent<T>) event;
    return typed;
  }

  private static <T extends EventData> CloudEvent<T> build(
      Map<String, String> headers, String type, T data) {
    String contentType = headers.getOrDefault(CeHeaders.CONTENT_TYPE, CloudEvent.JSON);
    if (!contentType.startsWith(CloudEvent.JSON)) {
      throw new EventDecodingException("unsupported content-type " + contentType);
    }
    return new CloudEvent<>(
        required(headers, CeHeaders.ID),
        required(headers, CeHeaders.SOURCE),
        type,
        headers.get(CeHeaders.SUBJECT),
        parseTime(headers.get(CeHeaders.TIME)),
        CloudEvent.JSON,
        headers.get(CeHeaders.DATASCHEMA),
        data);
  }

  private static String required(Map<String, String> headers, String name) {
    String value = headers.get(name);
    if (value == null || value.isEmpty()) {
      throw new EventDecodingException("missing header " + name);
    }
    return value;
  }

  // RFC 3339: Berth writes "...Z"; other producers (SmallRye) may write an offset.
  private static Instant parseTime(String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new EventDecodingException("malformed ce_time '" + value + "'", e);
    }
  }
}
