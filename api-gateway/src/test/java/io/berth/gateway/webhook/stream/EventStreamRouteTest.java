package io.berth.gateway.webhook.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.berth.events.CloudEvent;
import io.berth.events.Envelope;
import io.berth.events.EventCodec;
import io.berth.events.EventData;
import io.berth.events.container.v1.ContainerCreated;
import io.berth.events.container.v1.ContainerRemoved;
import io.berth.events.container.v1.ContainerStarted;
import io.berth.testing.BerthInfra;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** GET /berth/v1/events/stream: filtered CloudEvents over SSE, resumed with Last-Event-ID. */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class EventStreamRouteTest {

  @TestHTTPResource("/berth/v1/events/stream")
  URI stream;

  /** One SSE event as received. */
  record Sse(String id, JsonObject event) {}

  /** Reads SSE frames on a thread; "ready" comes first once the stream is positioned. */
  static final class Client implements AutoCloseable {
    final BlockingQueue<Object> frames = new ArrayBlockingQueue<>(1000);
    final Stream<String> lines;

    Client(URI uri, String lastEventId) throws Exception {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri);
      if (lastEventId != null) {
        b.header("Last-Event-ID", lastEventId);
      }
      HttpResponse<Stream<String>> resp = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofLines());
      assertEquals(200, resp.statusCode());
      assertEquals("text/event-stream", resp.headers().firstValue("content-type").orElse(""));
      lines = resp.body();
      Thread t = new Thread(() -> {
        String id = null;
        for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
          String line = it.next();
          if (line.equals(": ready")) {
            frames.add("ready");
          } else if (line.startsWith("id: ")) {
            id = line.substring(4);
          } else if (line.startsWith("data: ")) {
            frames.add(new Sse(id, new JsonObject(line.substring(6))));
          }
        }
      });
      t.setDaemon(true);
      t.start();
      assertEquals("ready", frames.poll(30, TimeUnit.SECONDS));
    }

    Sse next() throws InterruptedException {
      Object f = frames.poll(30, TimeUnit.SECONDS);
      assertNotNull(f, "an event within 30 s");
      return (Sse) f;
    }

    @Override
    public void close() {
      lines.close();
    }
  }

  static <T extends EventData> CloudEvent<T> publish(KafkaProducer<String, byte[]> producer, T data) throws Exception {
    CloudEvent<T> event = Envelope.of("/test", data);
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.subject(), EventCodec.encode(data));
    Envelope.headers(event).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
    producer.send(record).get();
    return event;
  }

  @Test
  void filtersByTypeAndLabelAndResumesFromLastEventId() throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", BerthInfra.kafkaBootstrap());
    String web = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    String other = web.replace('a', 'b').replace('0', '1');
    URI filtered = URI.create(stream + "?type=io.berth.container.*&label=app=web");
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        Client client = new Client(filtered, null)) {
      publish(producer, new ContainerCreated(other, "o", "busybox", "sha256:m", Map.of("app", "db"), Instant.now()));
      CloudEvent<?> created = publish(producer, new ContainerCreated(web, "w", "busybox", "sha256:m", Map.of("app", "web"), Instant.now()));
      publish(producer, new ContainerStarted(other, "o", "busybox", "n1", 1, Instant.now()));
      CloudEvent<?> started = publish(producer, new ContainerStarted(web, "w", "busybox", "n1", 2, Instant.now()));
      CloudEvent<?> removed = publish(producer, new ContainerRemoved(web, "w", Instant.now()));

      Sse first = client.next();
      assertEquals(created.id(), first.event().getString("id"));
      assertEquals("io.berth.container.created.v1", first.event().getString("type"));
      assertEquals(started.id(), client.next().event().getString("id"));
      assertEquals(removed.id(), client.next().event().getString("id"));

      // A new connection resumed after the first event gets what followed it on every partition:
      // web's later events, not its creation again.
      try (Client resumed = new Client(URI.create(stream + "?type=io.berth.container.*"), first.id())) {
        java.util.List<String> webEvents = new java.util.ArrayList<>();
        while (!webEvents.contains(removed.id())) {
          Sse e = resumed.next();
          if (web.equals(e.event().getString("subject"))) {
            webEvents.add(e.event().getString("id"));
          }
        }
        assertEquals(java.util.List.of(started.id(), removed.id()), webEvents);
      }
    }
  }
}
