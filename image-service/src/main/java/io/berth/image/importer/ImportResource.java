package io.berth.image.importer;

import io.berth.image.pull.PullHandler;
import io.berth.common.error.NotImplementedException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * {@code POST /images/create} (Docker's ImageCreate): {@code fromSrc=-} imports the request body
 * as a rootfs tar; {@code fromImage} pulls from a registry (see {@link PullHandler}).
 */
@Path("/images/create")
public class ImportResource {
  private final ImportService imports;
  private final PullHandler pulls;

  public ImportResource(ImportService imports, PullHandler pulls) {
    this.imports = imports;
    this.pulls = pulls;
  }

  @POST
  @Blocking
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response create(
      @QueryParam("fromSrc") String fromSrc,
      @QueryParam("fromImage") String fromImage,
      @QueryParam("repo") String repo,
      @QueryParam("tag") String tag,
      @QueryParam("message") String message,
      @QueryParam("changes") List<String> changes,
      @QueryParam("platform") String platform,
      @HeaderParam("X-Registry-Auth") String registryAuth,
      InputStream body)
      throws IOException {
    if (fromSrc == null || fromSrc.isEmpty()) {
      if (fromImage != null && !fromImage.isEmpty()) {
        return pulls.pull(fromImage, tag, platform, registryAuth);
      }
      throw new InvalidImportException("fromSrc or fromImage is required");
    }
    if (!fromSrc.equals("-")) {
      throw new NotImplementedException("importing from a URL is not supported yet; send the tar as the body (fromSrc=-)");
    }
    ImportRequest request = ImportRequest.of(repo, tag, message, changes);
    String id = imports.importTar(body, request);
    // dockerd answers an import with a JSON message stream whose last status is the image id.
    return Response.ok("{\"status\":\"" + id + "\"}\r\n", MediaType.APPLICATION_JSON).build();
  }
}
