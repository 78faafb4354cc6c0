package io.berth.gateway.webhook.stream;

import io.berth.gateway.api.DockerResponses;
import io.berth.gateway.stream.BlockingWriter;
import io.berth.gateway.stream.Hijack;
import io.berth.gateway.webhook.subscription.SubscriptionFilter;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /berth/v1/events/stream}: the facts as CloudEvents over server-sent events, filtered
 * by {@code type} (patterns, repeatable) and {@code label} ({@code key} or {@code key=value},
 * repeatable), resumable with {@code Last-Event-ID} (header or query parameter).
 */
@ApplicationScoped
public class EventStreamRoute {

  public static final String PATH = "/berth/v1/events/stream";
  private static final AtomicLong STREAMS = new AtomicLong();

  @Inject
  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  void install(@Observes Router router) {
    router.get(PATH).handler(this::stream);
  }

  private void stream(RoutingContext ctx) {
    StreamPosition from;
    SubscriptionFilter filter;
    try {
      String last = ctx.request().getHeader("Last-Event-ID");
      if (last == null) {
        last = ctx.request().getParam("lastEventId");
      }
      from = last == null || last.isBlank() ? null : StreamPosition.parse(last);
      Map<String, String> labels = new LinkedHashMap<>();
      for (String l : ctx.queryParam("label")) {
        String[] kv = l.split("=", 2);
        labels.put(kv[0], kv.length == 2 ? kv[1] : "");
      }
      List<String> types = new ArrayList<>();
      ctx.queryParam("type").forEach(t -> types.addAll(List.of(t.split(","))));
      filter = new SubscriptionFilter(types, labels);
    } catch (IllegalArgumentException e) {
      DockerResponses.error(ctx, 400, e.getMessage());
      return;
    }
    HttpServerResponse resp = ctx.response();
    Hijack.noIdleTimeout(ctx.request());
    resp.setStatusCode(200).putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache").setChunked(true);
    long n = STREAMS.incrementAndGet();
    CloudEventStream stream = new CloudEventStream(consumer(n), from, filter,
        (id, json) -> BlockingWriter.write(resp, "id: " + id + "\nevent: cloudevent\ndata: " + json + "\n\n"),
        () -> BlockingWriter.write(resp, ": ready\n\n"),
        () -> {
          if (!resp.closed() && !resp.ended()) {
            resp.end();
          }
        });
    resp.closeHandler(v -> stream.cancel());
    Thread thread = new Thread(stream, "berth-sse-" + n);
    thread.setDaemon(true);
    thread.start();
  }

  private KafkaConsumer<String, byte[]> consumer(long n) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "berth-gateway-sse-" + n);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
