package io.berth.events;

/**
 * A Kafka record could not be turned into a {@link CloudEvent}: missing or malformed {@code ce_*}
 * headers or a payload that is not the JSON of its type. Consumers let it fail the message so it
 * goes to the dead-letter topic; retrying cannot fix it.
 */
public class EventDecodingException extends RuntimeException {
  public EventDecodingException(String message) {
    super(message);
  }

  public EventDecodingException(String message, Throwable cause) {
    super(message, cause);
  }
}
