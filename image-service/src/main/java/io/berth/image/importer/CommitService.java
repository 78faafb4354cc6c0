package io.berth.image.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.NotFoundException;
import io.berth.common.error.UnavailableException;
import io.berth.image.image.ImageEntity;
import io.berth.image.image.ImageRepository;
import io.berth.oci.Descriptor;
import io.berth.oci.image.ImageConfigJson;
import io.berth.oci.image.ManifestJson;
import io.berth.oci.image.OciJson;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code docker commit}: the container's writable layer, as its node archives it (overlay
 * whiteouts turned into image whiteouts), becomes a new top layer over the container's image; the
 * image config takes the container's Config (as Docker does) with the {@code changes} applied.
 * The layer goes through the same checks as an imported one. Blocking: call from a worker thread.
 */
@ApplicationScoped
public class CommitService {
  /** An empty tar archive: two zero blocks (a container that was never scheduled changed nothing). */
  private static final byte[] EMPTY_TAR = new byte[1024];

  private final ImportService imports;
  private final ImageRepository images;
  private final URI containerService;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public CommitService(
      ImportService imports,
      ImageRepository images,
      @ConfigProperty(name = "berth.container-service.url", defaultValue = "http://127.0.0.1:8081") String containerService) {
    this.imports = imports;
    this.images = images;
    this.containerService = URI.create(containerService);
  }

  /** Commits container {@code ref} without pausing it; returns the new image id. */
  public String commit(String ref, ImportRequest request, String author) throws IOException {
    return commit(ref, request, author, false);
  }

  /**
   * Commits container {@code ref}; returns the new image id. {@code pause}: a running container is
   * frozen while its writable layer is read, so the layer is one consistent state (Docker's default).
   */
  public String commit(String ref, ImportRequest request, String author, boolean pause) throws IOException {
    JsonNode container = json(get(containerService.resolve("/containers/" + encode(ref) + "/json"), ref));
    String id = container.path("Id").asText();
    String imageId = container.path("Image").asText();
    ImageEntity base = await(() -> io.quarkus.hibernate.reactive.panache.Panache.withSession(() -> images.findById(imageId)));
    if (base == null) {
      throw new NotFoundException("No such image: " + imageId);
    }
    boolean freeze = pause && container.path("State").path("Running").asBoolean(false)
        && !container.path("State").path("Paused").asBoolean(false);
    Descriptor layer;
    if (freeze) {
      post(containerService.resolve("/containers/" + id + "/pause"), ref);
      try {
        layer = writableLayer(id, ref);
      } finally {
        post(containerService.resolve("/containers/" + id + "/unpause"), ref);
      }
    } else {
      layer = writableLayer(id, ref);
    }
    ImageConfigJson parent = OciJson.read(base.config, ImageConfigJson.class);
    ManifestJson parentManifest = OciJson.read(base.manifest, ManifestJson.class);
    Instant created = Instant.now();
    ImageConfigJson.Config config = ChangeInstructions.apply(
        OciJson.mapper().treeToValue(container.path("Config"), ImageConfigJson.Config.class), request.changes());
    List<io.berth.oci.Digest> diffIds = new ArrayList<>(parent.rootfs().diffIds());
    diffIds.add(layer.digest());
    List<ImageConfigJson.History> history = new ArrayList<>(parent.history() == null ? List.of() : parent.history());
    history.add(new ImageConfigJson.History(created.toString(), createdBy(container), blankToNull(author),
        blankToNull(request.message()), null));
    ImageConfigJson image = new ImageConfigJson(created.toString(), blankToNull(author), parent.architecture(), parent.os(),
        config, ImageConfigJson.RootFs.layers(diffIds), history);
    List<Descriptor> layers = new ArrayList<>(parentManifest.layers());
    layers.add(layer);
    return imports.record(request, image, layers, created);
  }

  /**
   * Container {@code id}'s writable layer (what it changed over its image) stored as a layer blob,
   * read from the node it ran on; an empty layer when it never ran or changed nothing, as Docker
   * commits one. {@code ref} names the container in errors.
   */
  public Descriptor writableLayer(String id, String ref) throws IOException {
    JsonNode location = json(get(containerService.resolve("/internal/containers/" + encode(id)), ref));
    String node = location.path("nodeAddress").asText("");
    try (InputStream tar = node.isEmpty()
        ? new ByteArrayInputStream(EMPTY_TAR)
        : stream(URI.create(node).resolve("/containers/" + id + "/layer"), ref)) {
      return imports.ingestDiff(tar);
    }
  }

  // Docker records the container's command line as the step that made the layer.
  private static String createdBy(JsonNode container) {
    StringBuilder b = new StringBuilder(container.path("Path").asText(""));
    container.path("Args").forEach(a -> b.append(' ').append(a.asText()));
    return b.toString().strip();
  }

  private byte[] get(URI uri, String ref) throws IOException {
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    check(r.statusCode(), ref, uri);
    return r.body();
  }

  // pause/unpause answer 204.
  private void post(URI uri, String ref) throws IOException {
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    check(r.statusCode() == 204 ? 200 : r.statusCode(), ref, uri);
  }

  private InputStream stream(URI uri, String ref) throws IOException {
    HttpResponse<InputStream> r = send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() != 200) {
      r.body().close();
    }
    check(r.statusCode(), ref, uri);
    return r.body();
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
    URI uri = request.uri();
    try {
      return http.send(request, handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (IOException e) {
      throw new UnavailableException("cannot commit: " + uri.getHost() + ":" + uri.getPort() + " is unavailable");
    }
  }

  private static void check(int status, String ref, URI uri) {
    if (status == 404) {
      throw new NotFoundException("No such container: " + ref);
    }
    if (status != 200) {
      throw new UnavailableException("cannot commit " + ref + ": " + uri.getPath() + " answered " + status);
    }
  }

  private static JsonNode json(byte[] body) throws IOException {
    return OciJson.mapper().readTree(body);
  }

  private static <T> T await(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> uni) throws IOException {
    try {
      return VertxContextSupport.subscribeAndAwait(uni);
    } catch (RuntimeException | IOException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
