package io.berth.gateway.events;

import io.berth.common.inbox.IncomingEvents;
import io.berth.events.CloudEvent;
import io.berth.events.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * One `docker events` stream read straight from the fact topics (the durable history): a private
 * consumer without group assigned every partition, seeks to {@code since}, replays the history
 * merged across partitions in time order, then follows live until {@code until} or cancellation.
 */
public class EventStream implements Runnable {

  private static final Logger LOG = Logger.getLogger(EventStream.class);
  static final List<String> TOPICS = List.of(Topics.CONTAINER_EVENTS, Topics.IMAGE_EVENTS, Topics.NETWORK_EVENTS);

  /** Where the JSON lines go; {@link #send} may block while the client is slow. */
  public interface Sink {
    void send(DockerEvent event);

    void end();
  }

  private record Entry(TopicPartition partition, Instant time, DockerEvent event) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final Instant since;
  private final Instant until;
  private final EventFilter filter;
  private final Sink sink;
  private final Clock clock;
  private final DockerEventMapper mapper = new DockerEventMapper();
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final Set<TopicPartition> finished = new HashSet<>();

  public EventStream(
      KafkaConsumer<String, byte[]> consumer, Instant since, Instant until, EventFilter filter, Sink sink, Clock clock) {
    this.consumer = consumer;
    this.since = since;
    this.until = until;
    this.filter = filter;
    this.sink = sink;
    this.clock = clock;
  }

  /** Stops the stream from any thread (the client went away). */
  public void cancel() {
    cancelled.set(true);
    consumer.wakeup();
  }

  @Override
  public void run() {
    try (consumer) {
      List<TopicPartition> partitions = FactPartitions.assignAll(consumer, TOPICS);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      seek(partitions, ends);
      replay(partitions, ends);
      if (until == null || until.isAfter(clock.instant())) {
        follow(partitions);
      }
    } catch (WakeupException e) {
      // cancelled: the client is gone
    } catch (RuntimeException e) {
      if (!cancelled.get()) {
        LOG.warn("event stream failed", e);
      }
    } finally {
      sink.end();
    }
  }

  private void seek(List<TopicPartition> partitions, Map<TopicPartition, Long> ends) {
    if (since == null) {
      partitions.forEach(p -> consumer.seek(p, ends.get(p)));
      return;
    }
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(p -> query.put(p, since.toEpochMilli()));
    // Record timestamps are set when the fact is published, never before it happened: seeking by
    // them cannot skip a fact that happened at or after since.
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
    for (TopicPartition p : partitions) {
      OffsetAndTimestamp at = found.get(p);
      consumer.seek(p, at == null ? ends.get(p) : at.offset());
    }
  }

  /** History up to the end offsets seen at request time, merged across partitions by time. */
  private void replay(List<TopicPartition> partitions, Map<TopicPartition, Long> ends) {
    Map<TopicPartition, ArrayDeque<Entry>> queues = new HashMap<>();
    partitions.forEach(p -> queues.put(p, new ArrayDeque<>()));
    while (!cancelled.get()) {
      List<TopicPartition> hungry = new ArrayList<>();
      for (TopicPartition p : partitions) {
        if (!finished.contains(p) && queues.get(p).isEmpty() && consumer.position(p) < ends.get(p)) {
          hungry.add(p);
        }
      }
      if (!hungry.isEmpty()) {
        // Only fetch what the merge waits for, so no partition's backlog piles up in memory.
        consumer.pause(partitions);
        consumer.resume(hungry);
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          decode(r).ifPresent(e -> queues.get(e.partition()).add(e));
        }
        continue;
      }
      Entry next =
          queues.values().stream()
              .filter(q -> !q.isEmpty())
              .map(ArrayDeque::peek)
              .min(Comparator.comparing(Entry::time))
              .orElse(null);
      if (next == null) {
        return; // every partition drained
      }
      queues.get(next.partition()).poll();
      emit(next);
      if (finished.contains(next.partition())) {
        queues.get(next.partition()).clear();
      }
    }
  }

  /** Live facts, each poll's batch in time order, until {@code until} passes. */
  private void follow(List<TopicPartition> partitions) {
    List<TopicPartition> open = new ArrayList<>(partitions);
    open.removeAll(finished);
    consumer.resume(open);
    Map<TopicPartition, Long> lastEnds = null;
    while (!cancelled.get() && !open.isEmpty()) {
      if (until != null && clock.instant().isAfter(until)) {
        if (lastEnds == null) {
          lastEnds = consumer.endOffsets(open);
        }
        Map<TopicPartition, Long> stop = lastEnds;
        if (open.stream().allMatch(p -> consumer.position(p) >= stop.get(p))) {
          return;
        }
      }
      List<Entry> batch = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(250))) {
        decode(r).ifPresent(batch::add);
      }
      batch.sort(Comparator.comparing(Entry::time));
      batch.forEach(this::emit);
      open.removeAll(finished);
    }
  }

  private void emit(Entry e) {
    if (finished.contains(e.partition())) {
      return;
    }
    if (until != null && e.time().isAfter(until)) {
      finished.add(e.partition());
      consumer.pause(List.of(e.partition()));
      return;
    }
    if (since != null && e.time().isBefore(since)) {
      return;
    }
    if (e.event() != null && filter.matches(e.event())) {
      sink.send(e.event());
    }
  }

  /** Undecodable or unmapped facts still count for ordering and until, with a null event. */
  private Optional<Entry> decode(ConsumerRecord<String, byte[]> r) {
    TopicPartition p = new TopicPartition(r.topic(), r.partition());
    Instant recordTime = Instant.ofEpochMilli(r.timestamp());
    try {
      CloudEvent<?> event = IncomingEvents.decode(r);
      Instant time = event.time() != null ? event.time() : recordTime;
      return Optional.of(new Entry(p, time, mapper.map(event, time).orElse(null)));
    } catch (RuntimeException e) {
      LOG.debugf(e, "skipping undecodable record %s-%d@%d", r.topic(), r.partition(), r.offset());
      return Optional.of(new Entry(p, recordTime, null));
    }
  }
}
