package io.berth.image.image;

import io.berth.common.error.NotImplementedException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Docker's image endpoints, served under the Docker API paths so the gateway can proxy them as
 * they are. Names may contain slashes ({@code localhost:5050/a/b:t}).
 */
@Path("/images")
@Produces(MediaType.APPLICATION_JSON)
public class ImageResource {
  private final ImageService images;
  private final TagService tags;
  private final ImagePruner pruner;

  public ImageResource(ImageService images, TagService tags, ImagePruner pruner) {
    this.images = images;
    this.tags = tags;
    this.pruner = pruner;
  }

  /** {@code docker image prune [-a]}. */
  @POST
  @Path("/prune")
  public Uni<PruneResponse> prune(@QueryParam("filters") String filters) {
    return pruner.prune(filters);
  }

  /** {@code docker search}: Berth keeps no index of registries' contents. */
  @GET
  @Path("/search")
  public Response search(@QueryParam("term") String term) {
    throw new NotImplementedException("docker search is not supported by Berth: list a registry's repositories with"
        + " GET /v2/_catalog (Berth's own registry: http://127.0.0.1:5050/v2/_catalog)");
  }

  /** {@code docker tag}: 201 with no body, as dockerd answers. */
  @POST
  @Path("/{name: .+}/tag")
  public Uni<Response> tag(
      @PathParam("name") String name, @QueryParam("repo") String repo, @QueryParam("tag") String tag) {
    return tags.tag(name, repo, tag).map(v -> Response.status(201).build());
  }

  @GET
  @Path("/json")
  public Uni<List<ImageSummaryResponse>> list(@QueryParam("filters") String filters, @QueryParam("all") String all) {
    return images.list(filters, truthy(all));
  }

  @GET
  @Path("/{name: .+}/json")
  public Uni<ImageInspectResponse> inspect(@PathParam("name") String name) {
    return images.inspect(name);
  }

  @GET
  @Path("/{name: .+}/history")
  public Uni<List<HistoryItem>> history(@PathParam("name") String name) {
    return images.history(name);
  }

  @DELETE
  @Path("/{name: .+}")
  public Uni<List<DeleteResponseItem>> delete(
      @PathParam("name") String name, @QueryParam("force") String force) {
    return images.delete(name, truthy(force));
  }

  // Docker's boolean query values: 1/true/True (anything but empty, 0 and false).
  static boolean truthy(String v) {
    return v != null && !v.isEmpty() && !v.equals("0") && !v.equalsIgnoreCase("false");
  }
}
