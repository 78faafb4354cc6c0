package io.berth.network.sandbox;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/**
 * Internal API for container-service: {@code POST /internal/sandboxes} allocates a starting
 * container's endpoints and ports (409 {@code port is already allocated} and nothing kept when a
 * port is taken); {@code DELETE /internal/sandboxes/{id}} releases them at once (they are also
 * released when the container's exit or removal fact arrives).
 */
@Path("/internal/sandboxes")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxResource {
  private final SandboxService sandboxes;

  public SandboxResource(SandboxService sandboxes) {
    this.sandboxes = sandboxes;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<SandboxResponse> allocate(SandboxRequest request) {
    return sandboxes.allocate(request);
  }

  @DELETE
  @Path("/{containerId}")
  public Uni<Response> release(@PathParam("containerId") String containerId) {
    return sandboxes.release(containerId, Instant.now(), false)
        .replaceWith(Response.noContent().build());
  }
}
