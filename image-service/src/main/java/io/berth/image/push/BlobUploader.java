package io.berth.image.push;

import io.berth.image.blob.BlobStore;
import io.berth.image.pull.RemoteRegistry;
import io.berth.oci.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Sends one blob to a remote registry unless it is already there: HEAD, then a monolithic upload
 * (POST for a session, PUT with the digest and the bytes streamed from the store).
 */
final class BlobUploader {
  private final RemoteRegistry registry;
  private final String repository;
  private final BlobStore blobs;

  BlobUploader(RemoteRegistry registry, String repository, BlobStore blobs) {
    this.registry = registry;
    this.repository = repository;
    this.blobs = blobs;
  }

  /** True if the registry already had it. */
  boolean exists(Descriptor d) throws IOException {
    HttpResponse<InputStream> r = registry.send("HEAD", "/v2/" + repository + "/blobs/" + d.digest(), Map.of(), null, scope());
    r.body().close();
    return r.statusCode() == 200;
  }

  void upload(Descriptor d) throws IOException {
    upload(d, start(d, ""));
  }

  /**
   * Asks the registry to mount the blob from {@code from}, another repository of the same
   * registry: true when it did; otherwise the upload session it opened instead is used.
   */
  boolean mountOrUpload(Descriptor d, String from) throws IOException {
    String query = "?mount=" + d.digest() + "&from=" + java.net.URLEncoder.encode(from, java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<InputStream> r = registry.send("POST", "/v2/" + repository + "/blobs/uploads/" + query, Map.of(),
        HttpRequest.BodyPublishers.noBody(), scope());
    r.body().close();
    if (r.statusCode() == 201) {
      return true;
    }
    String location = r.headers().firstValue("Location").orElse(null);
    upload(d, r.statusCode() == 202 && location != null ? location : start(d, ""));
    return false;
  }

  private String start(Descriptor d, String query) throws IOException {
    HttpResponse<InputStream> start = registry.send("POST", "/v2/" + repository + "/blobs/uploads/" + query, Map.of(),
        HttpRequest.BodyPublishers.noBody(), scope());
    start.body().close();
    String location = start.headers().firstValue("Location").orElse(null);
    if (start.statusCode() != 202 || location == null) {
      throw new IOException("starting an upload of " + d.digest() + " to " + registry.base() + " answered " + start.statusCode());
    }
    return location;
  }

  private void upload(Descriptor d, String location) throws IOException {
    String put = location + (location.contains("?") ? "&" : "?") + "digest=" + d.digest();
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
        HttpRequest.BodyPublishers.ofInputStream(() -> open(d)), d.size());
    HttpResponse<InputStream> done = registry.send("PUT", put,
        Map.of("Content-Type", "application/octet-stream"), body, scope());
    String answer = new String(done.body().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (done.statusCode() != 201) {
      throw new IOException("uploading " + d.digest() + " to " + registry.base() + " answered " + done.statusCode() + ": " + answer);
    }
  }

  private InputStream open(Descriptor d) {
    try {
      return blobs.open(d.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String scope() {
    return repository + ":pull,push";
  }
}
