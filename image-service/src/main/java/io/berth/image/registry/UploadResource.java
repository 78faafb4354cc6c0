package io.berth.image.registry;

import io.berth.image.blob.UploadStore;
import io.berth.image.blob.UploadUnknownException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Map;

/**
 * Upload sessions' status ({@code 204} with {@code Range}) and cancel. The requests that carry
 * bytes (POST, PATCH, PUT) are {@link BlobRoutes}.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-blobs">pushing blobs</a>
 */
@Path("/v2")
public class UploadResource {
  private final UploadStore uploads;

  public UploadResource(UploadStore uploads) {
    this.uploads = uploads;
  }

  @GET
  @Blocking
  @Path("/{name: .+}/blobs/uploads/{id}")
  public Response status(@PathParam("name") String name, @PathParam("id") String id) throws IOException {
    RegistryService.validName(name);
    try {
      long size = uploads.size(name, id);
      return Response.noContent()
          .header(HttpHeaders.LOCATION, "/v2/" + name + "/blobs/uploads/" + id)
          .header("Range", "0-" + Math.max(0, size - 1))
          .header("Docker-Upload-UUID", id)
          .header(HttpHeaders.CONTENT_LENGTH, 0)
          .header(RegistryResource.API_VERSION_HEADER, RegistryResource.API_VERSION)
          .build();
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

  private static RegistryException unknown(String id) {
    return new RegistryException(RegistryErrorCode.BLOB_UPLOAD_UNKNOWN, Map.of("uuid", String.valueOf(id)));
  }
}
