package io.berth.image.registry;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Map;

/**
 * DELETE of a repository's blob. GET and HEAD, which move bytes, are {@link BlobRoutes}.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#deleting-blobs">deleting blobs</a>
 */
@Path("/v2")
public class BlobResource {
  private final RepositoryBlobs repositoryBlobs;

  public BlobResource(RepositoryBlobs repositoryBlobs) {
    this.repositoryBlobs = repositoryBlobs;
  }

  @DELETE
  @Blocking
  @Path("/{name: .+}/blobs/{digest}")
  public Response delete(@PathParam("name") String name, @PathParam("digest") String digest) throws IOException {
    RegistryService.validName(name);
    if (!repositoryBlobs.delete(name, RegistryDigests.parse(digest))) {
      throw new RegistryException(RegistryErrorCode.BLOB_UNKNOWN, Map.of("digest", digest));
    }
    return Response.accepted().header(RegistryResource.API_VERSION_HEADER, RegistryResource.API_VERSION).build();
  }
}
