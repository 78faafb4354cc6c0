package io.berth.gateway.webhook.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.CloudEvent;
import io.berth.events.EventCodec;
import java.time.Instant;

/**
 * A CloudEvent in the JSON event format (structured content mode), the body webhooks receive by
 * default and the form deliveries are stored in.
 *
 * @see <a href="https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/formats/json-format.md">JSON event format</a>
 */
public final class CloudEventJson {

  public static final String MEDIA_TYPE = "application/cloudevents+json";

  private CloudEventJson() {}

  public static ObjectNode of(CloudEvent<?> event, Instant fallbackTime) {
    return of(event.id(), event.source(), event.type(), event.subject(),
        event.time() != null ? event.time() : fallbackTime, event.dataschema(),
        EventCodec.mapper().valueToTree(event.data()));
  }

  public static ObjectNode of(
      String id, String source, String type, String subject, Instant time, String dataschema, JsonNode data) {
    ObjectNode json = EventCodec.mapper().createObjectNode();
    json.put("specversion", CloudEvent.SPEC_VERSION)
        .put("id", id)
        .put("source", source)
        .put("type", type);
    if (subject != null) {
      json.put("subject", subject);
    }
    json.put("time", time.toString()).put("datacontenttype", CloudEvent.JSON);
    if (dataschema != null) {
      json.put("dataschema", dataschema);
    }
    json.set("data", data);
    return json;
  }
}
