package io.berth.image.build.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.oci.image.OciJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Docker API calls a RUN step's container goes through, made to container-service (which owns
 * containers) and to the node the container runs on (its output). Blocking; each call's error
 * carries container-service's own message.
 */
@ApplicationScoped
public class StepContainers {
  /** Label on every container a build makes; its value is the build id. */
  public static final String BUILD_LABEL = "io.berth.build";

  private final URI containerService;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public StepContainers(
      @ConfigProperty(name = "berth.container-service.url", defaultValue = "http://127.0.0.1:8081") String containerService) {
    this.containerService = URI.create(containerService);
  }

  /** A failed call: the HTTP status and Docker's error message. */
  static final class CallFailedException extends IOException {
    final int status;

    CallFailedException(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** Creates the step's container (not started); returns its id. */
  String create(RunStep step) throws IOException {
    ObjectNode body = OciJson.mapper().createObjectNode();
    body.put("Image", step.imageId());
    body.putArray("Entrypoint"); // the argv is the whole command: no image entrypoint before it
    step.argv().forEach(body.withArray("Cmd")::add);
    step.env().forEach(body.withArray("Env")::add);
    body.put("WorkingDir", step.workingDir() == null ? "" : step.workingDir());
    body.put("User", step.user() == null ? "" : step.user());
    body.put("Tty", false);
    body.put("OpenStdin", false);
    body.put("AttachStdout", true);
    body.put("AttachStderr", true);
    body.putObject("Labels").put(BUILD_LABEL, step.buildId());
    body.putObject("HostConfig").put("NetworkMode", step.networkMode() == null ? "default" : step.networkMode());
    HttpRequest request = HttpRequest.newBuilder(containerService.resolve("/containers/create"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(OciJson.mapper().writeValueAsBytes(body)))
        .build();
    return json(send(request, 201)).path("Id").asText();
  }

  /** Starts the container and returns once its node reports it started. */
  void start(String id) throws IOException {
    send(post("/containers/" + id + "/start"), 204);
  }

  /** Docker's state name ("created", "running", "exited", ...) and the node's API address. */
  record Location(String state, String nodeAddress) {}

  Location locate(String id) throws IOException {
    JsonNode l = json(send(HttpRequest.newBuilder(containerService.resolve("/internal/containers/" + id)).GET().build(), 200));
    String node = l.path("nodeAddress").asText("");
    return new Location(l.path("state").asText(""), node.isEmpty() ? null : node);
  }

  /**
   * The container's output from its first byte, following it until the container stops (the
   * node serves its log file, so nothing written before this call is missed).
   */
  HttpResponse<InputStream> output(String nodeAddress, String id) throws IOException {
    URI uri = URI.create(nodeAddress).resolve("/containers/" + id + "/logs?follow=1&stdout=1&stderr=1");
    HttpResponse<InputStream> r = call(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() != 200) {
      try (InputStream body = r.body()) {
        throw failure(r.statusCode(), body.readAllBytes());
      }
    }
    return r;
  }

  /** Waits until the container no longer runs; returns its exit code. */
  int await(String id) throws IOException {
    JsonNode r = json(send(post("/containers/" + id + "/wait?condition=not-running"), 200));
    String error = r.path("Error").path("Message").asText("");
    if (!error.isEmpty()) {
      throw new IOException(error);
    }
    return r.path("StatusCode").asInt();
  }

  /** Removes the container (killing it if it still runs) with its anonymous volumes. */
  void remove(String id) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(containerService.resolve("/containers/" + id + "?force=1&v=1")).DELETE().build();
    HttpResponse<byte[]> r = call(request, HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 204 && r.statusCode() != 404) {
      throw failure(r.statusCode(), r.body());
    }
  }

  private HttpRequest post(String path) {
    return HttpRequest.newBuilder(containerService.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()).build();
  }

  private byte[] send(HttpRequest request, int expected) throws IOException {
    HttpResponse<byte[]> r = call(request, HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != expected && !(expected == 204 && r.statusCode() == 304)) {
      throw failure(r.statusCode(), r.body());
    }
    return r.body();
  }

  private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
    try {
      return http.send(request, handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while calling " + request.uri().getPath());
    } catch (IOException e) {
      throw new IOException(request.uri().getHost() + ":" + request.uri().getPort() + " is unavailable: " + e.getMessage(), e);
    }
  }

  private static CallFailedException failure(int status, byte[] body) {
    String message;
    try {
      message = OciJson.mapper().readTree(body).path("message").asText("");
    } catch (IOException | RuntimeException e) {
      message = "";
    }
    return new CallFailedException(status, message.isEmpty() ? new String(body, StandardCharsets.UTF_8).strip() : message);
  }

  private static JsonNode json(byte[] body) throws IOException {
    return OciJson.mapper().readTree(body);
  }
}
