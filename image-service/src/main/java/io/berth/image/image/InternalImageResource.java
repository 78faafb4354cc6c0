package io.berth.image.image;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Service-to-service endpoints; not part of the Docker API and not proxied by the gateway. */
@Path("/internal/images")
@Produces(MediaType.APPLICATION_JSON)
public class InternalImageResource {
  private final ImageService images;

  public InternalImageResource(ImageService images) {
    this.images = images;
  }

  /** Resolves a reference or id for container creation; 404 {@code {"message"}} when unknown. */
  @GET
  @Path("/resolve")
  public Uni<ResolveResponse> resolve(@QueryParam("ref") String ref) {
    if (ref == null || ref.isEmpty()) {
      throw new NoSuchImageException("");
    }
    return images.resolve(ref);
  }
}
