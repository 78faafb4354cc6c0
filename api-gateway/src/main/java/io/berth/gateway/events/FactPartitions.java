package io.berth.gateway.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Assigns a group-less consumer every partition of some fact topics (a private reader of history). */
public final class FactPartitions {
  private FactPartitions() {}

  public static List<TopicPartition> assignAll(KafkaConsumer<?, ?> consumer, List<String> topics) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      consumer.partitionsFor(topic, Duration.ofSeconds(10))
          .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    }
    consumer.assign(partitions);
    return partitions;
  }
}
