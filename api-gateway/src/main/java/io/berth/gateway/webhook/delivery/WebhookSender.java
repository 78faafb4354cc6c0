package io.berth.gateway.webhook.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.EventCodec;
import io.berth.gateway.webhook.WebhookConfig;
import io.berth.gateway.webhook.dispatch.CloudEventJson;
import io.berth.gateway.webhook.safety.DestinationGuard;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * Sends one delivery as a signed CloudEvent: structured ({@code application/cloudevents+json},
 * the stored event as body) or binary ({@code ce-*} headers, the data as body). Never follows
 * redirects, bounds connect and response time, reads at most a snippet of the answer, and checks
 * the resolved destination against the deny-list first. Blocking: call it from a sender thread.
 */
@ApplicationScoped
public class WebhookSender {

  private final HttpClient client;
  private final DestinationGuard guard;
  private final Duration readTimeout;
  private final int snippetBytes;

  public WebhookSender(WebhookConfig config, DestinationGuard guard) {
    this.guard = guard;
    this.readTimeout = config.readTimeout();
    this.snippetBytes = config.responseSnippetBytes();
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(config.connectTimeout())
        .build();
  }

  public Attempt send(Delivery delivery) {
    Instant at = Instant.now();
    long t0 = System.nanoTime();
    try {
      URI url = URI.create(delivery.url());
      guard.check(url);
      HttpRequest request = request(delivery, url);
      HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      String snippet;
      try (InputStream body = response.body()) {
        snippet = new String(body.readNBytes(snippetBytes), StandardCharsets.UTF_8);
      }
      return new Attempt(at, response.statusCode(), millisSince(t0), snippet, null);
    } catch (DestinationGuard.RefusedException e) {
      return new Attempt(at, null, millisSince(t0), null, "refused: " + e.getMessage());
    } catch (java.net.http.HttpTimeoutException e) {
      return new Attempt(at, null, millisSince(t0), null, "timeout: " + e.getMessage());
    } catch (IOException | IllegalArgumentException e) {
      return new Attempt(at, null, millisSince(t0), null, e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt(at, null, millisSince(t0), null, "interrupted");
    }
  }

  private HttpRequest request(Delivery delivery, URI url) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(readTimeout);
    byte[] body;
    if (delivery.binary()) {
      JsonNode event = EventCodec.mapper().readTree(delivery.eventJson());
      for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String name = field.getKey();
        if (!name.equals("data") && !name.equals("datacontenttype")) {
          b.header("ce-" + name, field.getValue().asText());
        }
      }
      b.header("Content-Type", event.path("datacontenttype").asText("application/json"));
      body = EventCodec.mapper().writeValueAsBytes(event.get("data"));
    } else {
      b.header("Content-Type", CloudEventJson.MEDIA_TYPE);
      body = delivery.eventJson().getBytes(StandardCharsets.UTF_8);
    }
    long timestamp = Instant.now().getEpochSecond();
    b.header(WebhookSignature.ID, delivery.eventId())
        .header(WebhookSignature.TIMESTAMP, Long.toString(timestamp))
        .header(WebhookSignature.SIGNATURE,
            WebhookSignature.sign(delivery.secret(), delivery.eventId(), timestamp, body))
        .header("User-Agent", "Berth-Webhooks/1");
    return b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  private static long millisSince(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
