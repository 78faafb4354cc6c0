package io.berth.node.image;

import io.berth.oci.Digest;
import io.berth.oci.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads manifests and blobs from any OCI Distribution registry (image-service included) by digest.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md">OCI
 *     distribution spec, pulling</a>
 */
public final class RegistryClient {
  private static final String ACCEPT =
      String.join(", ", MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST_V2);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

  /** The exact bytes of a manifest, verified against {@code digest}. */
  public byte[] manifest(String registry, String repository, Digest digest) throws IOException {
    HttpResponse<byte[]> response =
        send(request(registry, repository, "manifests", digest).header("Accept", ACCEPT).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    byte[] body = response.body();
    if (!Digest.sha256(body).equals(digest)) {
      throw new IOException("manifest from " + registry + " does not match " + digest);
    }
    return body;
  }

  /** A blob's content stream; the caller verifies the digest while reading. */
  public InputStream blob(String registry, String repository, Digest digest) throws IOException {
    return send(request(registry, repository, "blobs", digest).build(), HttpResponse.BodyHandlers.ofInputStream()).body();
  }

  private static HttpRequest.Builder request(String registry, String repository, String kind, Digest digest) {
    String base = registry.endsWith("/") ? registry.substring(0, registry.length() - 1) : registry;
    return HttpRequest.newBuilder(URI.create(base + "/v2/" + repository + "/" + kind + "/" + digest))
        .timeout(Duration.ofMinutes(10))
        .GET();
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
    try {
      HttpResponse<T> response = http.send(request, handler);
      if (response.statusCode() != 200) {
        if (response.body() instanceof InputStream in) {
          in.close();
        }
        throw new IOException("GET " + request.uri() + " answered " + response.statusCode());
      }
      return response;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: GET " + request.uri(), e);
    }
  }
}
