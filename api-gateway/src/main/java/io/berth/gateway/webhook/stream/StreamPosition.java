package io.berth.gateway.webhook.stream;

import io.berth.events.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A durable place in the fact topics, used as the SSE event id: the next offset of every
 * partition, written {@code <topic index>:<partition>:<offset>} comma-separated (topic index into
 * {@link Topics#HISTORY}). A client resuming with {@code Last-Event-ID} continues right after the
 * event that carried it, on every partition, even after a gateway restart.
 */
public final class StreamPosition {

  private final Map<TopicPartition, Long> next;

  public StreamPosition(Map<TopicPartition, Long> next) {
    this.next = new LinkedHashMap<>(next);
  }

  /** @throws IllegalArgumentException for a malformed id (the client gets a 400) */
  public static StreamPosition parse(String id) {
    Map<TopicPartition, Long> next = new LinkedHashMap<>();
    for (String part : id.split(",")) {
      String[] f = part.split(":");
      try {
        int topic = Integer.parseInt(f[0]);
        if (f.length != 3 || topic < 0 || topic >= Topics.HISTORY.size()) {
          throw new IllegalArgumentException("malformed Last-Event-ID: " + id);
        }
        next.put(new TopicPartition(Topics.HISTORY.get(topic), Integer.parseInt(f[1])), Long.parseLong(f[2]));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("malformed Last-Event-ID: " + id);
      }
    }
    return new StreamPosition(next);
  }

  public Long offset(TopicPartition partition) {
    return next.get(partition);
  }

  /** This position moved past the record at {@code offset} of {@code partition}. */
  public StreamPosition after(TopicPartition partition, long offset) {
    StreamPosition moved = new StreamPosition(next);
    moved.next.put(partition, offset + 1);
    return moved;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    next.forEach((p, o) -> {
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(Topics.HISTORY.indexOf(p.topic())).append(':').append(p.partition()).append(':').append(o);
    });
    return b.toString();
  }
}
