package io.berth.container.container;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A stand-in for image-service's resolve endpoint: knows {@code busybox:latest} (and
 * {@code busybox}), 404 for anything else. The real service is proven in system-tests.
 */
public class ImageServiceStub implements QuarkusTestResourceLifecycleManager {
  public static final String IMAGE_ID = "sha256:f382fb0bc85902e796da67772004b5a5c88982c44869bfab388acef67f2cd774";
  public static final String MANIFEST = "sha256:9ae97d36d26566ff84e8893c64a6dc4fe8ca6d1144bf5b87b2b85a32def253c7";
  static final String BUSYBOX = "{\"id\":\"" + IMAGE_ID + "\",\"manifestDigest\":\"" + MANIFEST + "\","
      + "\"repository\":\"library/busybox\",\"tag\":\"latest\",\"config\":{\"Env\":[\"PATH=/usr/bin:/bin\"],"
      + "\"Cmd\":[\"sh\"],\"WorkingDir\":\"\",\"Labels\":{\"org.example.base\":\"busybox\"}}}";

  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/internal/images/resolve", exchange -> {
      String query = exchange.getRequestURI().getRawQuery();
      String ref = query == null ? "" : URLDecoder.decode(query.replaceFirst("^ref=", ""), StandardCharsets.UTF_8);
      boolean known = ref.equals("busybox:latest") || ref.equals("busybox");
      byte[] body = (known ? BUSYBOX : "{\"message\":\"No such image: " + ref + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(known ? 200 : 404, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return Map.of("berth.image-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
