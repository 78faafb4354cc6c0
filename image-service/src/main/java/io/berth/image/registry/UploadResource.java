package io.berth.image.registry;

import io.berth.image.blob.BlobDigestMismatchException;
import io.berth.image.blob.BlobInfo;
import io.berth.image.blob.BlobStore;
import io.berth.image.blob.BlobWriter;
import io.berth.image.blob.UploadRangeException;
import io.berth.image.blob.UploadStore;
import io.berth.image.blob.UploadUnknownException;
import io.berth.oci.Digest;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blob uploads: monolithic (POST then PUT, or one POST with {@code ?digest=}), chunked (PATCH
 * with or without {@code Content-Range}), status, cancel, and cross-repository mount. A blob only
 * becomes visible once its bytes hash to the digest the client named.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-blobs">pushing blobs</a>
 */
@Path("/v2")
@Consumes(MediaType.WILDCARD)
public class UploadResource {
  private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes )?(\\d+)-(\\d+)(?:/\\d+|/\\*)?");

  private final UploadStore uploads;
  private final BlobStore blobs;
  private final RepositoryBlobs repositoryBlobs;

  public UploadResource(UploadStore uploads, BlobStore blobs, RepositoryBlobs repositoryBlobs) {
    this.uploads = uploads;
    this.blobs = blobs;
    this.repositoryBlobs = repositoryBlobs;
  }

  @POST
  @Blocking
  @Path("/{name: .+}/blobs/uploads/")
  public Response start(@PathParam("name") String name, @QueryParam("digest") String digest,
      @QueryParam("mount") String mount, @QueryParam("from") String from,
      @HeaderParam(HttpHeaders.HOST) String host, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
      InputStream body) throws IOException {
    RegistryService.validName(name);
    if (mount != null && from != null) {
      Digest d = RegistryDigests.parse(mount);
      RegistryService.validName(from);
      if (repositoryBlobs.find(from, host, d).isPresent()) {
        repositoryBlobs.link(name, d);
        return created(name, d);
      }
    }
    if (digest != null) {
      return created(name, monolithic(name, RegistryDigests.parse(digest), length == null ? -1 : length, body));
    }
    return accepted(name, uploads.create(name), 0).build();
  }

  private Digest monolithic(String name, Digest expected, long length, InputStream body) throws IOException {
    BlobInfo info;
    try (BlobWriter w = blobs.ingest()) {
      new ClientBody(body).transferTo(w.stream());
      info = w.commit(expected, length);
    } catch (BlobDigestMismatchException e) {
      throw new RegistryException(RegistryErrorCode.DIGEST_INVALID, Map.of("digest", expected.toString(), "reason", e.getMessage()));
    }
    repositoryBlobs.link(name, info.digest());
    return info.digest();
  }

  @PATCH
  @Blocking
  @Path("/{name: .+}/blobs/uploads/{id}")
  public Response chunk(@PathParam("name") String name, @PathParam("id") String id,
      @HeaderParam("Content-Range") String range, InputStream body) throws IOException {
    RegistryService.validName(name);
    long size = append(name, id, range, body);
    return accepted(name, id, size).build();
  }

  @PUT
  @Blocking
  @Path("/{name: .+}/blobs/uploads/{id}")
  public Response finish(@PathParam("name") String name, @PathParam("id") String id,
      @QueryParam("digest") String digest, @HeaderParam("Content-Range") String range, InputStream body)
      throws IOException {
    RegistryService.validName(name);
    status(name, id);
    if (digest == null) {
      throw new RegistryException(RegistryErrorCode.DIGEST_INVALID, Map.of("reason", "the digest query parameter is required"));
    }
    Digest expected = RegistryDigests.parse(digest);
    append(name, id, range, body);
    try {
      BlobInfo info = uploads.complete(name, id, expected);
      repositoryBlobs.link(name, info.digest());
      return created(name, info.digest());
    } catch (BlobDigestMismatchException e) {
      throw new RegistryException(RegistryErrorCode.DIGEST_INVALID, Map.of("digest", digest, "reason", e.getMessage()));
    } catch (UploadUnknownException e) {
      throw unknown(id);
    }
  }

  @GET
  @Blocking
  @Path("/{name: .+}/blobs/uploads/{id}")
  public Response status(@PathParam("name") String name, @PathParam("id") String id) throws IOException {
    RegistryService.validName(name);
    try {
      return accepted(name, id, uploads.size(name, id)).status(204).build();
    } catch (UploadUnknownException e) {
      throw unknown(id);
    }
  }

  @DELETE
  @Blocking
  @Path("/{name: .+}/blobs/uploads/{id}")
  public Response cancel(@PathParam("name") String name, @PathParam("id") String id) throws IOException {
    RegistryService.validName(name);
    if (!uploads.cancel(name, id)) {
      throw unknown(id);
    }
    return Response.noContent().header(RegistryResource.API_VERSION_HEADER, RegistryResource.API_VERSION).build();
  }

  private long append(String name, String id, String range, InputStream body) throws IOException {
    long start = -1;
    if (range != null && !range.isBlank()) {
      Matcher m = CONTENT_RANGE.matcher(range.trim());
      if (!m.matches() || Long.parseLong(m.group(2)) < Long.parseLong(m.group(1))) {
        throw new RegistryException(RegistryErrorCode.BLOB_UPLOAD_INVALID, Map.of("contentRange", range), 416);
      }
      start = Long.parseLong(m.group(1));
    }
    try {
      return uploads.append(name, id, start, new ClientBody(body));
    } catch (UploadUnknownException e) {
      throw unknown(id);
    } catch (UploadRangeException e) {
      throw new RegistryException(RegistryErrorCode.BLOB_UPLOAD_INVALID,
          Map.of("contentRange", range, "size", e.size()), 416);
    }
  }

  private static RegistryException unknown(String id) {
    return new RegistryException(RegistryErrorCode.BLOB_UPLOAD_UNKNOWN, Map.of("uuid", String.valueOf(id)));
  }

  private static Response.ResponseBuilder accepted(String name, String id, long size) {
    return Response.accepted()
        .header(HttpHeaders.LOCATION, "/v2/" + name + "/blobs/uploads/" + id)
        .header("Range", "0-" + Math.max(0, size - 1))
        .header("Docker-Upload-UUID", id)
        .header(HttpHeaders.CONTENT_LENGTH, 0)
        .header(RegistryResource.API_VERSION_HEADER, RegistryResource.API_VERSION);
  }

  private static Response created(String name, Digest digest) {
    return Response.status(201)
        .header(HttpHeaders.LOCATION, "/v2/" + name + "/blobs/" + digest)
        .header(RegistryResource.DIGEST_HEADER, digest.toString())
        .header(HttpHeaders.CONTENT_LENGTH, 0)
        .header(RegistryResource.API_VERSION_HEADER, RegistryResource.API_VERSION)
        .build();
  }
}
