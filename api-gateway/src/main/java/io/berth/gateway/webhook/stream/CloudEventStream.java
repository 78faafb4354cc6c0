package io.berth.gateway.webhook.stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.inbox.IncomingEvents;
import io.berth.events.CloudEvent;
import io.berth.events.EventCodec;
import io.berth.events.Topics;
import io.berth.gateway.events.FactPartitions;
import io.berth.gateway.webhook.dispatch.CloudEventJson;
import io.berth.gateway.webhook.subscription.SubscriptionFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * One SSE client's CloudEvents, read straight from the fact topics with a private consumer (no
 * group) from a {@link StreamPosition} or the current end; each event goes out with the
 * position after it as its id. Runs on its own thread, as KafkaConsumer blocks.
 */
public class CloudEventStream implements Runnable {
  private static final Logger LOG = Logger.getLogger(CloudEventStream.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final StreamPosition from;
  private final SubscriptionFilter filter;
  private final BiConsumer<String, String> sink;
  private final Runnable ready;
  private final Runnable end;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  // Labels seen on facts that carry them, for the later facts of the same object that do not.
  private final Map<String, Map<String, String>> labels = new HashMap<>();

  /**
   * {@code sink} gets (id, CloudEvent JSON); {@code from} null = from now on; {@code ready} runs
   * once the stream is positioned (every later fact will be seen).
   */
  public CloudEventStream(KafkaConsumer<String, byte[]> consumer, StreamPosition from, SubscriptionFilter filter,
      BiConsumer<String, String> sink, Runnable ready, Runnable end) {
    this.consumer = consumer;
    this.from = from;
    this.filter = filter;
    this.sink = sink;
    this.ready = ready;
    this.end = end;
  }

  public void cancel() {
    cancelled.set(true);
    consumer.wakeup();
  }

  @Override
  public void run() {
    try (consumer) {
      List<TopicPartition> partitions = FactPartitions.assignAll(consumer, Topics.HISTORY);
      Map<TopicPartition, Long> start = new LinkedHashMap<>(consumer.endOffsets(partitions));
      if (from != null) {
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        for (TopicPartition p : partitions) {
          Long at = from.offset(p);
          start.put(p, at != null ? Math.max(at, begin.get(p)) : begin.get(p));
        }
      }
      start.forEach(consumer::seek);
      // seek is lazy: resolve the positions now, so "ready" means it.
      partitions.forEach(consumer::position);
      ready.run();
      StreamPosition position = new StreamPosition(start);
      while (!cancelled.get()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          position = position.after(new TopicPartition(r.topic(), r.partition()), r.offset());
          emit(r, position);
        }
      }
    } catch (WakeupException e) {
      // the client went away
    } catch (RuntimeException e) {
      if (!cancelled.get()) {
        LOG.warn("event stream failed", e);
      }
    } finally {
      end.run();
    }
  }

  private void emit(ConsumerRecord<String, byte[]> record, StreamPosition position) {
    CloudEvent<?> event;
    try {
      event = IncomingEvents.decode(record);
    } catch (RuntimeException e) {
      return; // undecodable facts go to the dead-letter topic elsewhere; a stream skips them
    }
    JsonNode data = EventCodec.mapper().valueToTree(event.data());
    Map<String, String> own = data.get("labels") != null && data.get("labels").isObject()
        ? EventCodec.mapper().convertValue(data.get("labels"), new TypeReference<Map<String, String>>() {})
        : null;
    if (own != null && event.subject() != null) {
      labels.put(event.subject(), own);
    }
    Map<String, String> objectLabels = own != null ? own : labels.get(event.subject());
    if (filter.matchesType(event.type()) && filter.matchesLabels(objectLabels)) {
      sink.accept(position.toString(),
          CloudEventJson.of(event, Instant.ofEpochMilli(record.timestamp())).toString());
    }
  }
}
