package io.berth.systemtests;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook endpoint on a fixed loopback port that can be taken down and brought back: keeps
 * only requests whose Standard Webhooks signature verifies with the secret it was given, and
 * counts the others.
 */
final class SignedReceiver {

  /** A verified delivery: its webhook-id and the CloudEvent JSON. */
  record Delivery(String webhookId, String json) {}

  private final int port;
  private final List<Delivery> verified = new ArrayList<>();
  private volatile String secret;
  private volatile Duration delay = Duration.ZERO;
  private int rejected;
  private HttpServer server;

  SignedReceiver(int port) {
    this.port = port;
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  void secret(String secret) {
    this.secret = secret;
  }

  /** Answers each request only after this long: keeps deliveries queued up. */
  void delay(Duration delay) {
    this.delay = delay;
  }

  synchronized void up() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String id = exchange.getRequestHeaders().getFirst("webhook-id");
      boolean ok = signedBy(secret, id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
          exchange.getRequestHeaders().getFirst("webhook-signature"), body);
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (this) {
        if (ok) {
          verified.add(new Delivery(id, new String(body, StandardCharsets.UTF_8)));
        } else {
          rejected++;
        }
      }
      exchange.sendResponseHeaders(ok ? 204 : 401, -1);
      exchange.close();
    });
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  synchronized void down() {
    server.stop(0);
    server = null;
  }

  synchronized List<Delivery> verified() {
    return new ArrayList<>(verified);
  }

  synchronized int rejected() {
    return rejected;
  }

  // Standard Webhooks: v1,base64(HMAC-SHA256(key, id.timestamp.body)), key = base64 after whsec_.
  private static boolean signedBy(String secret, String id, String timestamp, String signatures, byte[] body) {
    if (secret == null || id == null || timestamp == null || signatures == null) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      byte[] expected = mac.doFinal(body);
      for (String s : signatures.split(" ")) {
        if (s.startsWith("v1,") && MessageDigest.isEqual(expected, Base64.getDecoder().decode(s.substring(3)))) {
          return true;
        }
      }
    } catch (Exception e) {
      return false;
    }
    return false;
  }
}
