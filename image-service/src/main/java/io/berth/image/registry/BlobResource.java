package io.berth.image.registry;

import io.berth.image.blob.BlobInfo;
import io.berth.image.blob.BlobStore;
import io.berth.oci.Digest;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Blobs of a repository: GET (with a single {@code Range}), HEAD and DELETE.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-blobs">pulling blobs</a>
 */
@Path("/v2")
public class BlobResource {
  private final BlobStore blobs;
  private final RepositoryBlobs repositoryBlobs;
  private final RegistryService registry;

  public BlobResource(BlobStore blobs, RepositoryBlobs repositoryBlobs, RegistryService registry) {
    this.blobs = blobs;
    this.repositoryBlobs = repositoryBlobs;
    this.registry = registry;
  }

  @GET
  @Blocking
  @Path("/{name: .+}/blobs/{digest}")
  public Response get(@PathParam("name") String name, @PathParam("digest") String digest,
      @HeaderParam(HttpHeaders.HOST) String host, @HeaderParam("Range") String range) throws IOException {
    BlobInfo info = find(name, digest, host);
    ByteRange r = ByteRange.parse(range, info.size());
    if (r == null) {
      return headers(Response.ok(blobs.open(info.digest()), MediaType.APPLICATION_OCTET_STREAM_TYPE), info, info.size())
          .build();
    }
    StreamingOutput body = out -> {
      try (InputStream in = blobs.open(info.digest())) {
        in.skipNBytes(r.start());
        byte[] buf = new byte[64 * 1024];
        for (long left = r.length(); left > 0; ) {
          int n = in.read(buf, 0, (int) Math.min(buf.length, left));
          if (n < 0) {
            break;
          }
          out.write(buf, 0, n);
          left -= n;
        }
      }
    };
    return headers(Response.status(206).entity(body).type(MediaType.APPLICATION_OCTET_STREAM_TYPE), info, r.length())
        .header("Content-Range", r.contentRange(info.size()))
        .build();
  }

  @HEAD
  @Blocking
  @Path("/{name: .+}/blobs/{digest}")
  public Response head(@PathParam("name") String name, @PathParam("digest") String digest,
      @HeaderParam(HttpHeaders.HOST) String host) throws IOException {
    BlobInfo info = find(name, digest, host);
    return headers(Response.ok().type(MediaType.APPLICATION_OCTET_STREAM_TYPE), info, info.size()).build();
  }

  @DELETE
  @Blocking
  @Path("/{name: .+}/blobs/{digest}")
  public Response delete(@PathParam("name") String name, @PathParam("digest") String digest) throws IOException {
    RegistryService.validName(name);
    Digest d = RegistryDigests.parse(digest);
    if (!repositoryBlobs.delete(name, d)) {
      throw new RegistryException(RegistryErrorCode.BLOB_UNKNOWN, Map.of("digest", digest));
    }
    return Response.accepted().header(RegistryResource.API_VERSION_HEADER, RegistryResource.API_VERSION).build();
  }

  private BlobInfo find(String name, String digest, String host) throws IOException {
    if (!RegistryService.isValidName(name) && !registry.isImageRepository(name, host)) {
      RegistryService.validName(name);
    }
    Digest d = RegistryDigests.parse(digest);
    return repositoryBlobs.find(name, host, d)
        .orElseThrow(() -> new RegistryException(RegistryErrorCode.BLOB_UNKNOWN, Map.of("digest", digest)));
  }

  private static Response.ResponseBuilder headers(Response.ResponseBuilder b, BlobInfo info, long length) {
    return b.header(HttpHeaders.CONTENT_LENGTH, length)
        .header("Accept-Ranges", "bytes")
        .header(RegistryResource.DIGEST_HEADER, info.digest().toString())
        .header(RegistryResource.API_VERSION_HEADER, RegistryResource.API_VERSION);
  }
}
