package io.berth.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Builds {@link CloudEvent} envelopes around records and writes their {@code ce_*} headers. */
public final class Envelope {
  private Envelope() {}

  /**
   * Wraps {@code data} with a fresh UUID id, the current time (microsecond precision, what
   * PostgreSQL keeps, so an envelope read back from an outbox row is equal) and the type, schema
   * and subject its {@link EventTypes} registration gives.
   */
  public static <T extends EventData> CloudEvent<T> of(String source, T data) {
    return of(source, EventTypes.of(data).subjectOf(data), data);
  }

  /** As {@link #of(String, EventData)} with an explicit subject (the Kafka key). */
  public static <T extends EventData> CloudEvent<T> of(String source, String subject, T data) {
    EventType<T> type = EventTypes.of(data);
    return new CloudEvent<>(
        UUID.randomUUID().toString(),
        source,
        type.type(),
        subject,
        Instant.now().truncatedTo(ChronoUnit.MICROS),
        CloudEvent.JSON,
        type.dataschema(),
        data);
  }

  /** The Kafka headers of binary mode for {@code event}; absent optional attributes are omitted. */
  public static Map<String, String> headers(CloudEvent<?> event) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(CeHeaders.SPECVERSION, CloudEvent.SPEC_VERSION);
    h.put(CeHeaders.ID, event.id());
    h.put(CeHeaders.SOURCE, event.source());
    h.put(CeHeaders.TYPE, event.type());
    putIfPresent(h, CeHeaders.SUBJECT, event.subject());
    if (event.time() != null) {
      h.put(CeHeaders.TIME, event.time().toString());
    }
    putIfPresent(h, CeHeaders.DATASCHEMA, event.dataschema());
    h.put(CeHeaders.CONTENT_TYPE, event.datacontenttype());
    return h;
  }

  private static void putIfPresent(Map<String, String> h, String name, String value) {
    if (value != null) {
      h.put(name, value);
    }
  }
}
