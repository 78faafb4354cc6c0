package io.berth.events;

/** A {@code ce_type} that {@link EventTypes} does not know (a newer producer, or garbage). */
public class UnknownEventTypeException extends EventDecodingException {
  private final String type;

  public UnknownEventTypeException(String type) {
    super("unknown event type '" + type + "': not registered in io.berth.events.EventTypes");
    this.type = type;
  }

  public String type() {
    return type;
  }
}
