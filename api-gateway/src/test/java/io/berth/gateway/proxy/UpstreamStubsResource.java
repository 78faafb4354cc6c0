package io.berth.gateway.proxy;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Reserves free ports for the container-service and image-service stand-ins and points the
 * gateway at them; the test classes start their own stub servers on these ports.
 */
public class UpstreamStubsResource implements QuarkusTestResourceLifecycleManager {

  public static final String CONTAINER_PORT = "berth.test.stub.container-service.port";
  public static final String IMAGE_PORT = "berth.test.stub.image-service.port";

  @Override
  public Map<String, String> start() {
    int containers = freePort();
    int images = freePort();
    System.setProperty(CONTAINER_PORT, Integer.toString(containers));
    System.setProperty(IMAGE_PORT, Integer.toString(images));
    return Map.of(
        "berth.container-service.url", "http://127.0.0.1:" + containers,
        "berth.image-service.url", "http://127.0.0.1:" + images);
  }

  @Override
  public void stop() {}

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static int port(String property) {
    return Integer.parseInt(System.getProperty(property));
  }
}
