package io.berth.container.container;

import io.berth.container.api.InternalContainerResponse;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Internal API for the gateway: which node (and its address) a container lives on. */
@Path("/internal/containers")
@Produces(MediaType.APPLICATION_JSON)
public class InternalContainerResource {
  private final ContainerService service;

  public InternalContainerResource(ContainerService service) {
    this.service = service;
  }

  @GET
  @Path("/{idOrName}")
  public Uni<InternalContainerResponse> locate(@PathParam("idOrName") String ref) {
    return service.locate(ref);
  }
}
