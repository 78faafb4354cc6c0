package io.berth.image.registry;

import io.berth.image.blob.BlobInfo;
import io.berth.image.blob.BlobStore;
import io.berth.image.image.ImageEntity;
import io.berth.oci.Digest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The read side of the OCI Distribution API: version check, manifests and blobs (GET and HEAD),
 * tag listing. Manifests are served as the exact stored bytes.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pull">pull</a>
 */
@Path("/v2")
public class RegistryResource {
  static final String API_VERSION_HEADER = "Docker-Distribution-API-Version";
  static final String API_VERSION = "registry/2.0";
  static final String DIGEST_HEADER = "Docker-Content-Digest";

  private final RegistryService registry;
  private final BlobStore blobs;

  public RegistryResource(RegistryService registry, BlobStore blobs) {
    this.registry = registry;
    this.blobs = blobs;
  }

  @GET
  @Path("/")
  @Produces(MediaType.APPLICATION_JSON)
  public Response base() {
    return Response.ok("{}").header(API_VERSION_HEADER, API_VERSION).build();
  }

  @GET
  @Path("/{name: .+}/manifests/{reference}")
  public Uni<Response> getManifest(
      @PathParam("name") String name, @PathParam("reference") String reference, @HeaderParam(HttpHeaders.HOST) String host) {
    return manifest(name, reference, host).map(i -> manifestHeaders(Response.ok(i.manifest), i).build());
  }

  @HEAD
  @Path("/{name: .+}/manifests/{reference}")
  public Uni<Response> headManifest(
      @PathParam("name") String name, @PathParam("reference") String reference, @HeaderParam(HttpHeaders.HOST) String host) {
    return manifest(name, reference, host).map(i -> manifestHeaders(Response.ok(), i).build());
  }

  private Uni<ImageEntity> manifest(String name, String reference, String host) {
    return registry.repository(name, host).chain(repo -> registry.manifest(repo, reference));
  }

  private static Response.ResponseBuilder manifestHeaders(Response.ResponseBuilder b, ImageEntity i) {
    return b.type(i.manifestMediaType)
        .header(HttpHeaders.CONTENT_LENGTH, i.manifest.length)
        .header(DIGEST_HEADER, i.manifestDigest)
        .header(API_VERSION_HEADER, API_VERSION);
  }

  @GET
  @Path("/{name: .+}/tags/list")
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Map<String, Object>> tags(@PathParam("name") String name, @HeaderParam(HttpHeaders.HOST) String host) {
    return registry.repository(name, host).chain(repo -> registry.tags(repo).map(tags -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", name);
      body.put("tags", tags);
      return body;
    }));
  }

  @GET
  @Blocking
  @Path("/{name: .+}/blobs/{digest}")
  public Response getBlob(
      @PathParam("name") String name, @PathParam("digest") String digest, @HeaderParam(HttpHeaders.HOST) String host)
      throws IOException {
    BlobInfo info = blob(name, digest, host);
    return blobHeaders(Response.ok(blobs.open(info.digest()), MediaType.APPLICATION_OCTET_STREAM_TYPE), info).build();
  }

  @HEAD
  @Blocking
  @Path("/{name: .+}/blobs/{digest}")
  public Response headBlob(
      @PathParam("name") String name, @PathParam("digest") String digest, @HeaderParam(HttpHeaders.HOST) String host)
      throws IOException {
    return blobHeaders(Response.ok().type(MediaType.APPLICATION_OCTET_STREAM_TYPE), blob(name, digest, host)).build();
  }

  private BlobInfo blob(String name, String digest, String host) throws IOException {
    Digest d;
    try {
      d = Digest.parse(digest);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(RegistryErrorCode.DIGEST_INVALID, Map.of("digest", digest));
    }
    awaitRepository(name, host);
    return blobs.stat(d).orElseThrow(() -> new RegistryException(RegistryErrorCode.BLOB_UNKNOWN, Map.of("digest", digest)));
  }

  private void awaitRepository(String name, String host) {
    try {
      VertxContextSupport.subscribeAndAwait(() -> registry.repository(name, host));
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static Response.ResponseBuilder blobHeaders(Response.ResponseBuilder b, BlobInfo info) {
    return b.header(HttpHeaders.CONTENT_LENGTH, info.size())
        .header(DIGEST_HEADER, info.digest().toString())
        .header(API_VERSION_HEADER, API_VERSION);
  }
}
