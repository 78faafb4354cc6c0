package io.berth.image.build.run;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for container-service and a node, for unit tests of the RUN step executor: it
 * answers the calls a step makes with canned results and records every request.
 */
final class FakeContainerApi implements AutoCloseable {
  static final String ID = "c0ffee";

  private final HttpServer server;
  final List<String> requests = new CopyOnWriteArrayList<>();
  volatile String createBody;
  volatile int exitCode;
  volatile byte[] output = new byte[0];
  volatile byte[] layer = new byte[1024];
  volatile int startStatus = 204;
  volatile String startError = "";
  /** How many location lookups still say "created" after a slow start. */
  volatile int createdLookups;

  FakeContainerApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange x) throws IOException {
    String call = x.getRequestMethod() + " " + x.getRequestURI();
    requests.add(call);
    byte[] body = x.getRequestBody().readAllBytes();
    String path = x.getRequestURI().getPath();
    switch (x.getRequestMethod() + " " + path) {
      case "POST /containers/create" -> {
        createBody = new String(body, StandardCharsets.UTF_8);
        reply(x, 201, "application/json", ("{\"Id\":\"" + ID + "\",\"Warnings\":[]}").getBytes(StandardCharsets.UTF_8));
      }
      case "POST /containers/" + ID + "/start" -> reply(x, startStatus, "application/json",
          startStatus == 204 ? null : ("{\"message\":\"" + startError + "\"}").getBytes(StandardCharsets.UTF_8));
      case "GET /internal/containers/" + ID -> {
        String state = createdLookups-- > 0 ? "created" : "running";
        reply(x, 200, "application/json", ("{\"id\":\"" + ID + "\",\"nodeAddress\":\"" + url() + "\",\"state\":\""
            + state + "\"}").getBytes(StandardCharsets.UTF_8));
      }
      case "GET /containers/" + ID + "/logs" -> reply(x, 200, "application/vnd.docker.multiplexed-stream", output);
      case "POST /containers/" + ID + "/wait" -> reply(x, 200, "application/json",
          ("{\"StatusCode\":" + exitCode + ",\"Error\":null}").getBytes(StandardCharsets.UTF_8));
      case "GET /containers/" + ID + "/layer" -> reply(x, 200, "application/x-tar", layer);
      case "DELETE /containers/" + ID -> reply(x, 204, null, null);
      default -> reply(x, 404, "application/json", "{\"message\":\"no such route\"}".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void reply(HttpExchange x, int status, String type, byte[] body) throws IOException {
    if (type != null) {
      x.getResponseHeaders().set("Content-Type", type);
    }
    x.sendResponseHeaders(status, body == null ? -1 : body.length);
    if (body != null) {
      try (OutputStream out = x.getResponseBody()) {
        out.write(body);
      }
    }
    x.close();
  }

  /** Docker's multiplexed framing of {@code payloads}, alternately stdout and stderr. */
  static byte[] frames(byte[]... payloads) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < payloads.length; i++) {
      int n = payloads[i].length;
      out.writeBytes(new byte[] {(byte) (1 + i % 2), 0, 0, 0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
      out.writeBytes(payloads[i]);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
