package io.berth.gateway.events;

import io.berth.gateway.api.DockerResponses;
import io.berth.gateway.stream.BlockingWriter;
import io.berth.gateway.stream.Hijack;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /events}: Docker's newline-delimited JSON event stream, one {@link EventStream} (and
 * one thread, as KafkaConsumer blocks) per client.
 */
@ApplicationScoped
public class EventsRoute {

  private static final AtomicLong STREAMS = new AtomicLong();

  @Inject
  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  void install(@Observes Router router) {
    router.get("/events").handler(this::events);
  }

  private void events(RoutingContext ctx) {
    Instant now = Instant.now();
    Instant since;
    Instant until;
    EventFilter filter;
    try {
      since = EventTimes.parse(ctx.request().getParam("since"), now);
      until = EventTimes.parse(ctx.request().getParam("until"), now);
      filter = EventFilter.parse(ctx.request().getParam("filters"));
    } catch (IllegalArgumentException e) {
      DockerResponses.error(ctx, 400, e.getMessage());
      return;
    }
    HttpServerResponse resp = ctx.response();
    Hijack.noIdleTimeout(ctx.request());
    resp.setStatusCode(200).putHeader("Content-Type", "application/json").setChunked(true);
    resp.writeHead();
    long n = STREAMS.incrementAndGet();
    EventStream stream =
        new EventStream(consumer(n), since, until, filter, sink(resp), Clock.systemUTC());
    resp.closeHandler(v -> stream.cancel());
    Thread thread = new Thread(stream, "berth-events-" + n);
    thread.setDaemon(true);
    thread.start();
  }

  private KafkaConsumer<String, byte[]> consumer(long n) {
    Properties props = new Properties();
    props.putAll(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.CLIENT_ID_CONFIG, "berth-gateway-events-" + n,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"));
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static EventStream.Sink sink(HttpServerResponse resp) {
    return new EventStream.Sink() {
      @Override
      public void send(DockerEvent event) {
        BlockingWriter.write(resp, event.toJson().encode() + "\n");
      }

      @Override
      public void end() {
        if (!resp.closed() && !resp.ended()) {
          resp.end();
        }
      }
    };
  }
}
