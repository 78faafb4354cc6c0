package io.berth.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 envelope around one Berth command or fact. On Kafka it travels in binary mode:
 * the attributes become {@code ce_*} headers (see {@link CeHeaders}), {@code data} is the JSON value
 * and {@code subject} is also the record key.
 *
 * @param id unique per event (a UUID); consumers deduplicate on {@code (source, id)}
 * @param source who emitted it, e.g. {@code /container-service} or {@code /nodes/<nodeId>}
 * @param type e.g. {@code io.berth.task.exited.v1}; see {@link EventTypes}
 * @param subject id of the object the event is about; also the Kafka key (keeps its events ordered)
 * @param time when the fact happened or the command was issued
 * @param datacontenttype always {@code application/json}
 * @param dataschema URI of the JSON schema of {@code data}, e.g. {@code berth:/schemas/task-exited.v1.json}
 * @param data the command or fact itself
 * @see <a href="https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/kafka-protocol-binding.md">Kafka binding</a>
 */
public record CloudEvent<T extends EventData>(
    String id,
    String source,
    String type,
    String subject,
    Instant time,
    String datacontenttype,
    String dataschema,
    T data) {

  public static final String SPEC_VERSION = "1.0";
  public static final String JSON = "application/json";

  public CloudEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    if (datacontenttype == null) {
      datacontenttype = JSON;
    }
  }

  /** The registry entry for this event's type. */
  public EventType<T> eventType() {
    return EventTypes.forType(type).cast(data);
  }

  /** The Kafka topic this event belongs on. */
  public String topic() {
    return EventTypes.forType(type).topic();
  }
}
