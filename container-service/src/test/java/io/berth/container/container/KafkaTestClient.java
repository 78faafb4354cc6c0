package io.berth.container.container;

import io.berth.events.CeHeaders;
import io.berth.events.CloudEvent;
import io.berth.events.EventCodec;
import io.berth.events.EventData;
import io.berth.events.Envelope;
import io.berth.events.Sources;
import io.berth.testing.BerthInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain kafka-clients access for tests: publishes facts as a node would, reads commands. */
final class KafkaTestClient implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;

  KafkaTestClient() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BerthInfra.kafkaBootstrap());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    producer = new KafkaProducer<>(p);
  }

  /** Publishes {@code data} from node {@code nodeId} with the ce_* headers node-runtime writes. */
  CloudEvent<?> publishFromNode(String nodeId, EventData data) {
    CloudEvent<?> event = Envelope.of(Sources.node(nodeId), data);
    publish(event);
    return event;
  }

  void publish(CloudEvent<?> event) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(event.topic(), event.subject(), EventCodec.encode(event.data()));
    Envelope.headers(event).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
    try {
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A consumer in a fresh group reading {@code topic} from the beginning. */
  static KafkaConsumer<String, byte[]> consumer(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BerthInfra.kafkaBootstrap());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p);
    c.subscribe(List.of(topic));
    return c;
  }

  /** Records on {@code topic} keyed {@code key} with ce_type {@code type}, polling up to {@code max}. */
  static List<ConsumerRecord<String, byte[]>> await(
      KafkaConsumer<String, byte[]> consumer, String key, String type, int count, Duration max) {
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    long deadline = System.nanoTime() + max.toNanos();
    while (found.size() < count && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        if (key.equals(r.key()) && type.equals(header(r, CeHeaders.TYPE))) {
          found.add(r);
        }
      }
    }
    return found;
  }

  static String header(ConsumerRecord<?, ?> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  static Map<String, String> headers(ConsumerRecord<?, ?> r) {
    return io.berth.common.inbox.IncomingEvents.headers(r.headers());
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(2));
  }
}
