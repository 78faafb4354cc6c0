package io.berth.launcher.stack;

import io.berth.launcher.infra.KafkaBroker;
import io.berth.launcher.infra.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Readiness checks: a service's /q/health/ready, the broker's describeCluster, PostgreSQL's port. */
public final class Health {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private Health() {}

  public static boolean isUp(Component c, LauncherConfig config) {
    return switch (c.kind()) {
      case SERVICE -> httpOk(c.healthUrl().orElseThrow());
      case KAFKA -> KafkaBroker.answers(config.kafkaBootstrap());
      case POSTGRES -> Ports.isListening(c.port());
    };
  }

  /**
   * Whether container-service knows a live node: only then can the platform run a container, so
   * `up` waits for it (the first heartbeat lands a moment after node-runtime is healthy).
   */
  public static boolean hasLiveNode(String containerServiceUrl) {
    try {
      HttpRequest req = HttpRequest.newBuilder(URI.create(containerServiceUrl + "/internal/nodes"))
          .timeout(Duration.ofSeconds(2)).GET().build();
      HttpResponse<String> response = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"id\"");
    } catch (Exception e) {
      return false;
    }
  }

  /** POSTs to {@code url} with an empty body; true on a 2xx answer within {@code timeout}. */
  public static boolean post(String url, Duration timeout) {
    try {
      HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
          .POST(HttpRequest.BodyPublishers.noBody()).build();
      int status = HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status / 100 == 2;
    } catch (Exception e) {
      return false;
    }
  }

  public static boolean httpOk(String url) {
    try {
      HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
      return HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }
}
