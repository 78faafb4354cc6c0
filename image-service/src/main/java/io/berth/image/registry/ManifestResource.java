package io.berth.image.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.oci.Digest;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Manifests by tag or digest: GET/HEAD (exact stored bytes, {@code Accept} honoured), PUT (every
 * referenced blob or child manifest must already be in the repository) and DELETE.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-manifests">pushing manifests</a>
 */
@Path("/v2")
public class ManifestResource {
  /** The spec's suggested limit; bigger manifests are refused (413). */
  private static final String PATH = "/{name: .+}/manifests/{reference}";

  static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

  private final ManifestService manifests;
  private final RepositoryBlobs blobs;
  private final ObjectMapper json;

  public ManifestResource(ManifestService manifests, RepositoryBlobs blobs, ObjectMapper json) {
    this.manifests = manifests;
    this.blobs = blobs;
    this.json = json;
  }

  @GET
  @Path(PATH)
  public Uni<Response> get(@PathParam("name") String name, @PathParam("reference") String reference,
      @HeaderParam(HttpHeaders.HOST) String host, @HeaderParam(HttpHeaders.ACCEPT) List<String> accept) {
    return negotiated(name, reference, host, accept).map(m -> headers(Response.ok(m.content()), m).build());
  }

  @HEAD
  @Path(PATH)
  public Uni<Response> head(@PathParam("name") String name, @PathParam("reference") String reference,
      @HeaderParam(HttpHeaders.HOST) String host, @HeaderParam(HttpHeaders.ACCEPT) List<String> accept) {
    return negotiated(name, reference, host, accept).map(m -> headers(Response.ok(), m).build());
  }

  private Uni<ServedManifest> negotiated(String name, String reference, String host, List<String> accept) {
    return manifests.find(name, reference, host).map(m -> {
      if (!AcceptedTypes.allows(accept, m.mediaType())) {
        throw new RegistryException(RegistryErrorCode.MANIFEST_UNKNOWN,
            Map.of("reference", reference, "reason", m.mediaType() + " is not in the request's Accept header"));
      }
      return m;
    });
  }

  private static Response.ResponseBuilder headers(Response.ResponseBuilder b, ServedManifest m) {
    return b.type(m.mediaType())
        .header(HttpHeaders.CONTENT_LENGTH, m.content().length)
        .header(RegistryResource.DIGEST_HEADER, m.digest())
        .header(RegistryResource.API_VERSION_HEADER, RegistryResource.API_VERSION);
  }

  @PUT
  @Path(PATH)
  @Blocking
  @Consumes(MediaType.WILDCARD)
  public Response put(@PathParam("name") String name, @PathParam("reference") String reference,
      @HeaderParam(HttpHeaders.HOST) String host, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body) throws IOException {
    RegistryService.validName(name);
    byte[] content = body.readNBytes(MAX_MANIFEST_BYTES + 1);
    if (content.length > MAX_MANIFEST_BYTES) {
      throw new RegistryException(RegistryErrorCode.SIZE_INVALID, Map.of("limit", MAX_MANIFEST_BYTES), 413);
    }
    Digest digest = Digest.sha256(content);
    String tag = null;
    if (ManifestService.isDigest(reference)) {
      if (!RegistryDigests.parse(reference).equals(digest)) {
        throw new RegistryException(RegistryErrorCode.DIGEST_INVALID, Map.of("reference", reference, "actual", digest.toString()));
      }
    } else {
      tag = ManifestService.validTag(reference);
    }
    String type = contentType == null ? null : contentType.split(";", 2)[0].trim();
    ManifestDocument doc = ManifestDocument.parse(json, content, type);
    for (Digest d : doc.blobs()) {
      if (!blobs.claim(name, host, d)) {
        throw new RegistryException(RegistryErrorCode.MANIFEST_BLOB_UNKNOWN, Map.of("digest", d.toString()));
      }
    }
    for (Digest d : doc.children()) {
      try {
        Await.await(() -> manifests.find(name, d.toString(), host));
      } catch (RegistryException e) {
        throw new RegistryException(RegistryErrorCode.MANIFEST_BLOB_UNKNOWN, Map.of("digest", d.toString()));
      }
    }
    String subject = doc.subject() == null ? null : doc.subject().toString();
    StoredManifest m = new StoredManifest(name, digest.toString(), doc.mediaType(), content, subject, doc.artifactType());
    String finalTag = tag;
    Await.await(() -> manifests.store(m, finalTag));
    Response.ResponseBuilder r = Response.status(201)
        .header(HttpHeaders.LOCATION, "/v2/" + name + "/manifests/" + digest)
        .header(RegistryResource.DIGEST_HEADER, digest.toString())
        .header(HttpHeaders.CONTENT_LENGTH, 0)
        .header(RegistryResource.API_VERSION_HEADER, RegistryResource.API_VERSION);
    if (subject != null) {
      r.header("OCI-Subject", subject);
    }
    return r.build();
  }

  @DELETE
  @Path(PATH)
  public Uni<Response> delete(@PathParam("name") String name, @PathParam("reference") String reference,
      @HeaderParam(HttpHeaders.HOST) String host) {
    return manifests.delete(name, reference, host).map(v -> Response.accepted()
        .header(RegistryResource.API_VERSION_HEADER, RegistryResource.API_VERSION).build());
  }
}
