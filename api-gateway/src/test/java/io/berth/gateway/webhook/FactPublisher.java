package io.berth.gateway.webhook;

import io.berth.events.CloudEvent;
import io.berth.events.Envelope;
import io.berth.events.EventCodec;
import io.berth.events.EventData;
import io.berth.testing.BerthInfra;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes facts to the real broker the way the services' outbox relays do (binary-mode CloudEvents). */
final class FactPublisher implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;

  FactPublisher() {
    Properties p = new Properties();
    p.put("bootstrap.servers", BerthInfra.kafkaBootstrap());
    p.put("linger.ms", "0");
    producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  /** Sends {@code data} and waits for the broker's ack; the event sent. */
  <T extends EventData> CloudEvent<T> publish(T data) {
    CloudEvent<T> event = Envelope.of("/test", data);
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(event.topic(), event.subject(), EventCodec.encode(data));
    Envelope.headers(event).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
    try {
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException("publish failed", e);
    }
    return event;
  }

  @Override
  public void close() {
    producer.close();
  }
}
