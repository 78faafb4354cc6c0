// Benchmark driver of bench/webhooks.sh (not a test; run by the JDK's single-file launcher with
// the Kafka client jars of kafka-dist on the class path). Publishes container facts to the
// stack's Kafka exactly as the services' outbox relay does, fans them out to 3 subscriptions on a
// local receiver and measures fact-on-Kafka -> receiver latency and deliveries per second.

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

public class WebhooksBench {
  static final int SUBSCRIPTIONS = 3;
  static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

  static final Map<String, Long> publishedNanos = new ConcurrentHashMap<>();
  static final Map<String, Instant> publishedAt = new ConcurrentHashMap<>();
  static final List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
  static final AtomicInteger received = new AtomicInteger();
  static volatile long lastArrivalNanos;

  public static void main(String[] args) throws Exception {
    String gateway = args[0];
    String bootstrap = args[1];
    int events = Integer.parseInt(args[2]);
    int pacedPerSecond = Integer.parseInt(args[3]);
    int warmup = args.length > 4 ? Integer.parseInt(args[4]) : events;
    // The TCP listener wants a token: the admin's, which webhooks.sh passes in the environment.
    String token = System.getenv().getOrDefault("BERTH_TOKEN", "");

    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      long now = System.nanoTime();
      byte[] body = exchange.getRequestBody().readAllBytes();
      Matcher m = ID.matcher(new String(body, StandardCharsets.UTF_8));
      if (m.find()) {
        Long sent = publishedNanos.get(m.group(1));
        if (sent != null) {
          latenciesMicros.add((now - sent) / 1000);
          received.incrementAndGet();
          lastArrivalNanos = now;
        }
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    ExecutorService receiverThreads = Executors.newFixedThreadPool(16);
    server.setExecutor(receiverThreads);
    server.start();
    int port = server.getAddress().getPort();

    HttpClient http = HttpClient.newHttpClient();
    List<String> subs = new ArrayList<>();
    for (int i = 0; i < SUBSCRIPTIONS; i++) {
      String body = "{\"url\":\"http://127.0.0.1:" + port + "/s" + i + "\",\"eventTypes\":[\"io.berth.container.*\"]}";
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/berth/v1/webhooks"))
          .header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201) {
        throw new IllegalStateException("subscription: " + r.statusCode() + " " + r.body());
      }
      Matcher m = ID.matcher(r.body());
      m.find();
      subs.add(m.group(1));
    }

    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("linger.ms", "0");
    p.put("acks", "all");
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      // Warm-up: until the gateway's dispatcher follows the topics and a delivery came back.
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (received.get() == 0) {
        publish(producer);
        Thread.sleep(500);
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no delivery within 120 s");
        }
      }
      // Warm-up: the same paced load once, unmeasured, so the JIT has compiled the hot paths of
      // every service (a long-running platform runs warm; the first seconds after start do not).
      paced(producer, warmup, pacedPerSecond);
      Thread.sleep(2000);

      // 1. Latency at a steady rate (what one fact costs, not queueing behind a burst).
      paced(producer, events, pacedPerSecond);
      List<Long> paced = sorted();
      String pacedStages = stages(http, gateway, token, subs.get(0), events);

      // 2. Throughput: the same number of facts at once. Sent without waiting for each ack (one
      // produce round trip per fact would make the publisher, not the gateway, the bottleneck).
      reset();
      long t0 = System.nanoTime();
      for (int i = 0; i < events; i++) {
        publish(producer, false);
      }
      producer.flush();
      await(events * SUBSCRIPTIONS);
      double seconds = (lastArrivalNanos - t0) / 1e9;
      double perSecond = events * SUBSCRIPTIONS / seconds;
      List<Long> burst = sorted();
      String burstStages = stages(http, gateway, token, subs.get(0), events);

      double p50 = percentile(paced, 50) / 1000.0;
      double p99 = percentile(paced, 99) / 1000.0;
      System.out.printf("facts: %d container events x %d subscriptions = %d deliveries per phase (after %d warm-up facts)%n",
          events, SUBSCRIPTIONS, events * SUBSCRIPTIONS, warmup);
      System.out.printf("latency fact sent to Kafka -> receiver at %d facts/s: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          pacedPerSecond, p50, p99, paced.get(paced.size() - 1) / 1000.0);
      System.out.printf("burst of %d facts: %.0f deliveries/s (%.2f s), latency p50 %.0f ms, p99 %.0f ms%n",
          events, perSecond, seconds, percentile(burst, 50) / 1000.0, percentile(burst, 99) / 1000.0);
      System.out.println("where the time went (subscription 0, from its delivery log):");
      System.out.println("  paced: " + pacedStages);
      System.out.println("  burst: " + burstStages);
      System.out.printf("ratio p99 / target 100 ms: %.2f (<= 1 meets it)%n", p99 / 100.0);
      System.out.printf("ratio deliveries/s / target 1000: %.2f (>= 1 meets it)%n", perSecond / 1000.0);
    } finally {
      for (String id : subs) {
        http.send(HttpRequest.newBuilder(URI.create(gateway + "/berth/v1/webhooks/" + id))
            .header("Authorization", "Bearer " + token).DELETE().build(),
            HttpResponse.BodyHandlers.discarding());
      }
      server.stop(0);
      // Its threads are not daemons: without this the JVM (and the stack lock) never let go.
      receiverThreads.shutdownNow();
    }
  }

  /** Publishes {@code count} facts at {@code perSecond} and waits for all their deliveries. */
  static void paced(KafkaProducer<String, byte[]> producer, int count, int perSecond) throws Exception {
    reset();
    long gapNanos = 1_000_000_000L / perSecond;
    long next = System.nanoTime();
    for (int i = 0; i < count; i++) {
      pace(next);
      publish(producer);
      next += gapNanos;
    }
    await(count * SUBSCRIPTIONS);
  }

  /**
   * Sleeps until {@code deadline} (System.nanoTime). Parked, not spinning: a spinning publisher
   * took one of the machine's two cores from the stack it measures.
   */
  static void pace(long deadline) {
    for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
      java.util.concurrent.locks.LockSupport.parkNanos(left);
    }
  }

  static void publish(KafkaProducer<String, byte[]> producer) throws Exception {
    publish(producer, true);
  }

  static void publish(KafkaProducer<String, byte[]> producer, boolean awaitAck) throws Exception {
    String eventId = UUID.randomUUID().toString();
    String containerId = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 64);
    Instant now = Instant.now();
    String data = "{\"containerId\":\"" + containerId + "\",\"name\":\"bench\",\"image\":\"busybox\","
        + "\"labels\":{},\"createdAt\":\"" + now + "\"}";
    ProducerRecord<String, byte[]> r = new ProducerRecord<>("berth.container.events", containerId,
        data.getBytes(StandardCharsets.UTF_8));
    header(r, "ce_specversion", "1.0");
    header(r, "ce_id", eventId);
    header(r, "ce_source", "/bench");
    header(r, "ce_type", "io.berth.container.created.v1");
    header(r, "ce_subject", containerId);
    header(r, "ce_time", now.toString());
    header(r, "content-type", "application/json");
    // Taken before the send: the delivery may reach the receiver before this thread sees the
    // ack, so the latency measured includes the produce round trip (~1 ms).
    publishedNanos.put(eventId, System.nanoTime());
    publishedAt.put(eventId, now);
    var sent = producer.send(r);
    if (awaitAck) {
      sent.get();
    }
  }

  /**
   * Splits the latency of the newest {@code count} deliveries of {@code sub} by stage: fact sent
   * -> delivery queued (the dispatch transaction began), queued -> first attempt began, and the
   * attempt's HTTP exchange as the gateway timed it; p50/p99 in ms.
   */
  static String stages(HttpClient http, String gateway, String token, String sub, int count) throws Exception {
    String log = http.send(HttpRequest.newBuilder(URI.create(gateway + "/berth/v1/webhooks/" + sub + "/deliveries?limit=" + count))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    List<Long> queued = new ArrayList<>();
    List<Long> waited = new ArrayList<>();
    List<Long> sent = new ArrayList<>();
    Matcher m = STAGES.matcher(log);
    while (m.find()) {
      Instant published = publishedAt.get(m.group(1));
      if (published == null) {
        continue;
      }
      Instant created = Instant.parse(m.group(2));
      queued.add(java.time.Duration.between(published, created).toMillis());
      waited.add(java.time.Duration.between(created, Instant.parse(m.group(3))).toMillis());
      sent.add(Long.parseLong(m.group(4)));
    }
    if (queued.isEmpty()) {
      return "(delivery log not understood)";
    }
    return String.format("fact -> queued %s, queued -> attempt %s, attempt %s (%d deliveries)",
        p50p99(queued), p50p99(waited), p50p99(sent), queued.size());
  }

  static final Pattern STAGES = Pattern.compile(
      "\"eventId\":\"([^\"]+)\".*?\"createdAt\":\"([^\"]+)\".*?\"attemptedAt\":\"([^\"]+)\".*?\"latencyMillis\":(\\d+)");

  static String p50p99(List<Long> values) {
    Collections.sort(values);
    return percentile(values, 50) + "/" + percentile(values, 99);
  }

  static void header(ProducerRecord<String, byte[]> r, String name, String value) {
    r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  static void reset() {
    latenciesMicros.clear();
    received.set(0);
  }

  static void await(int count) throws InterruptedException {
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (received.get() < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + received.get() + " of " + count + " deliveries in 300 s");
      }
      Thread.sleep(20);
    }
  }

  static List<Long> sorted() {
    List<Long> copy = new ArrayList<>(latenciesMicros);
    Collections.sort(copy);
    return copy;
  }

  static long percentile(List<Long> sorted, int pct) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(pct / 100.0 * sorted.size()) - 1));
  }
}
