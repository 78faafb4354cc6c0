package io.berth.gateway.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver for tests (JDK HttpServer on loopback): records every request per path and
 * answers with the statuses queued for that path (200 once the queue is empty). Verifies Standard
 * Webhooks signatures independently of the production code.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One received request; header names lower case. */
  public record Request(String path, Map<String, String> headers, byte[] body) {
    public String header(String name) {
      return headers.get(name.toLowerCase());
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final Map<String, List<Request>> received = new ConcurrentHashMap<>();
  private final Map<String, Deque<Integer>> statuses = new ConcurrentHashMap<>();

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The next answers on {@code path}, in order. */
  public void answer(String path, Integer... codes) {
    statuses.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(codes));
  }

  /** Every request received on {@code path}, oldest first. */
  public List<Request> received(String path) {
    List<Request> list = received.getOrDefault(path, List.of());
    synchronized (list) {
      return new ArrayList<>(list);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Map<String, String> headers = new TreeMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
    byte[] body = exchange.getRequestBody().readAllBytes();
    Deque<Integer> queue = statuses.get(path);
    Integer status = queue == null ? null : queue.poll();
    int code = status == null ? 200 : status;
    List<Request> list = received.computeIfAbsent(path, p -> new ArrayList<>());
    synchronized (list) {
      list.add(new Request(path, headers, body));
    }
    byte[] answer = ("answer " + code).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(code, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  /** Whether {@code request} carries a valid v1 signature by {@code secret} ("whsec_" + base64 key). */
  public static boolean verify(String secret, Request request) {
    try {
      byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      String signed = request.header("webhook-id") + "." + request.header("webhook-timestamp") + ".";
      mac.update(signed.getBytes(StandardCharsets.UTF_8));
      byte[] expected = mac.doFinal(request.body());
      for (String candidate : request.header("webhook-signature").split(" ")) {
        if (candidate.startsWith("v1,")
            && MessageDigest.isEqual(expected, Base64.getDecoder().decode(candidate.substring(3)))) {
          return true;
        }
      }
      return false;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
