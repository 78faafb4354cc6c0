package io.berth.gateway.proxy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The services behind the gateway (their base URLs) and the one HTTP client that reaches them. */
@ApplicationScoped
public class Upstreams {

  public static final String CONTAINER_SERVICE = "container-service";
  public static final String IMAGE_SERVICE = "image-service";
  public static final String NETWORK_SERVICE = "network-service";

  private final HttpClient client;
  private final URI containerService;
  private final URI imageService;
  private final URI networkService;

  @Inject
  public Upstreams(
      Vertx vertx,
      @ConfigProperty(name = "berth.container-service.url", defaultValue = "http://127.0.0.1:8081")
          URI containerService,
      @ConfigProperty(name = "berth.image-service.url", defaultValue = "http://127.0.0.1:5050")
          URI imageService,
      @ConfigProperty(name = "berth.network-service.url", defaultValue = "http://127.0.0.1:8082")
          URI networkService) {
    this.containerService = containerService;
    this.imageService = imageService;
    this.networkService = networkService;
    // Every waiting `docker run` holds one connection (wait, logs -f, attach): Vert.x' default
    // pool of 5 per host would queue the sixth client behind them.
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setMaxPoolSize(512)
                .setKeepAlive(true)
                .setConnectTimeout(5_000)
                .setDecompressionSupported(false));
  }

  public HttpClient client() {
    return client;
  }

  public URI containerService() {
    return containerService;
  }

  public URI imageService() {
    return imageService;
  }

  public URI networkService() {
    return networkService;
  }

  @PreDestroy
  void close() {
    client.close();
  }
}
