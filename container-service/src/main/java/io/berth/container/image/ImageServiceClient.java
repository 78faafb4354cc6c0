package io.berth.container.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Client of image-service's internal resolve endpoint (the image behind a reference). */
@ApplicationScoped
public class ImageServiceClient {
  private final HttpClient http;
  private final URI base;
  private final ObjectMapper mapper;

  public ImageServiceClient(
      Vertx vertx,
      ObjectMapper mapper,
      @ConfigProperty(name = "berth.image-service.url", defaultValue = "http://127.0.0.1:5050") String url) {
    this.http = vertx.createHttpClient();
    this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    this.mapper = mapper;
  }

  /** Base URL of image-service, which is also the registry nodes pull from. */
  public String baseUrl() {
    return base.toString();
  }

  /** The image {@code ref} names, or empty when image-service does not know it. */
  public Uni<Optional<ResolvedImage>> resolve(String ref) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setHost(base.getHost())
            .setPort(base.getPort() > 0 ? base.getPort() : 80)
            .setURI(base.getRawPath() + "/internal/images/resolve?ref=" + URLEncoder.encode(ref, StandardCharsets.UTF_8))
            .setTimeout(10_000);
    return http.request(options)
        .flatMap(req -> req.send())
        .flatMap(resp -> resp.body().map(body -> {
          if (resp.statusCode() == 404) {
            return Optional.<ResolvedImage>empty();
          }
          if (resp.statusCode() != 200) {
            throw new ImageServiceException("image-service answered " + resp.statusCode() + " resolving " + ref + ": " + body);
          }
          try {
            return Optional.of(mapper.readValue(body.getBytes(), ResolvedImage.class));
          } catch (java.io.IOException e) {
            throw new ImageServiceException("image-service sent an unreadable answer for " + ref, e);
          }
        }))
        .ifNoItem().after(Duration.ofSeconds(15)).failWith(() -> new ImageServiceException("image-service did not answer resolving " + ref));
  }

  @PreDestroy
  void close() {
    http.closeAndForget();
  }
}
