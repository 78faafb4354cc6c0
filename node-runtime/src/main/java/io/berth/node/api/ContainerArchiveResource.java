package io.berth.node.api;

import io.berth.node.agent.TaskManager;
import io.berth.node.bundle.BundleStore;
import io.berth.node.rootfs.ContainerFiles;
import io.berth.node.rootfs.RootfsAccess;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** {@code PUT /containers/{id}/archive?path=}: docker cp into a container, running or stopped. */
@Path("/containers/{id}/archive")
public class ContainerArchiveResource {
  private final TaskManager tasks;
  private final RootfsAccess roots;
  private final io.berth.node.image.ImagePuller images;

  public ContainerArchiveResource(TaskManager tasks, BundleStore bundles, io.berth.node.image.ImagePuller images) {
    this.tasks = tasks;
    this.roots = new RootfsAccess(bundles);
    this.images = images;
  }

  @PUT
  @Blocking
  @Consumes(MediaType.WILDCARD)
  public Response extract(
      @PathParam("id") String id,
      @QueryParam("path") String path,
      @QueryParam("noOverwriteDirNonDir") String noOverwrite,
      @QueryParam("copyUIDGID") String copyOwners,
      @HeaderParam(ContainerFilesRoutes.REF_HEADER) String ref,
      @Context HttpHeaders headers,
      InputStream body) {
    var image = ImageHeaders.layers(headers::getHeaderString, images);
    try {
      tasks.exclusive(id, () -> roots.withRoot(id, image,
          root -> ContainerFiles.extract(root, path, body, flag(noOverwrite), flag(copyOwners)))).get();
      return Response.ok().build();
    } catch (ExecutionException e) {
      return error(e.getCause(), path, ref != null ? ref : id);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error(e, path, id);
    }
  }

  private static Response error(Throwable e, String path, String ref) {
    FileErrors error = FileErrors.of(e, ref, path);
    return Response.status(error.status()).type(MediaType.APPLICATION_JSON).entity(Map.of("message", error.message())).build();
  }

  static boolean flag(String value) {
    return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
  }
}
