package io.berth.image;

import io.berth.events.Topics;
import io.berth.testing.BerthInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads image facts back from the real broker, for tests. */
public final class KafkaFacts {
  private KafkaFacts() {}

  /** The data JSON of the first fact of {@code type} keyed {@code key} (null: any key) on berth.image.events whose data contains {@code text}. */
  public static String find(String type, String key, String text) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BerthInfra.kafkaBootstrap());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts = consumer.partitionsFor(Topics.IMAGE_EVENTS).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
          var t = r.headers().lastHeader("ce_type");
          String data = new String(r.value(), StandardCharsets.UTF_8);
          if ((key == null || key.equals(r.key())) && t != null && type.equals(new String(t.value(), StandardCharsets.UTF_8))
              && data.contains(text)) {
            return data;
          }
        }
      }
    }
    throw new AssertionError("no " + type + " keyed " + key + " with " + text + " on " + Topics.IMAGE_EVENTS);
  }
}
