package io.berth.gateway.events;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Docker event message as `docker events` receives it. Attributes are kept sorted, as Go's
 * JSON encoder writes maps.
 *
 * @param type Docker's event type: container, image, network, ...
 * @param action create, start, die, destroy, rename, import, ...
 */
public record DockerEvent(
    String type, String action, String actorId, Map<String, String> attributes, Instant time) {

  public static final String CONTAINER = "container";
  public static final String IMAGE = "image";
  public static final String NETWORK = "network";

  public DockerEvent {
    attributes = new TreeMap<>(attributes);
  }

  /** The JSON line; container and image events also carry the deprecated status/id/from fields. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (CONTAINER.equals(type) || IMAGE.equals(type)) {
      json.put("status", action).put("id", actorId);
      String from = CONTAINER.equals(type) ? attributes.get("image") : null;
      if (from != null && !from.isEmpty()) {
        json.put("from", from);
      }
    }
    JsonObject attrs = new JsonObject();
    attributes.forEach(attrs::put);
    return json.put("Type", type)
        .put("Action", action)
        .put("Actor", new JsonObject().put("ID", actorId).put("Attributes", attrs))
        .put("scope", "local")
        .put("time", time.getEpochSecond())
        .put("timeNano", time.getEpochSecond() * 1_000_000_000L + time.getNano());
  }
}
