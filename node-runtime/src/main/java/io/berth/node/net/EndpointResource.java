package io.berth.node.net;

import io.berth.events.container.v1.ContainerNetwork;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Map;

/**
 * Internal API for network-service: {@code docker network connect/disconnect} of a container that
 * runs here. POST wires one more endpoint into its namespace, DELETE unwires one (404 when it is
 * not wired); 409 when the container has no namespace of its own here (not running, or not in
 * bridge mode).
 */
@Path("/internal/containers/{id}/endpoints")
@Produces(MediaType.APPLICATION_JSON)
public class EndpointResource {
  private final NetworkAgent agent;

  public EndpointResource(NetworkAgent agent) {
    this.agent = agent;
  }

  @POST
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  public Response connect(@PathParam("id") String containerId, ContainerNetwork.Endpoint endpoint) {
    try {
      agent.connect(containerId, endpoint);
      return Response.noContent().build();
    } catch (IllegalStateException e) {
      return error(409, e.getMessage());
    } catch (IOException e) {
      return error(500, "cannot connect container " + containerId + ": " + e.getMessage());
    }
  }

  @DELETE
  @Blocking
  @Path("/{endpointId}")
  public Response disconnect(@PathParam("id") String containerId, @PathParam("endpointId") String endpointId) {
    try {
      return agent.disconnect(containerId, endpointId) ? Response.noContent().build()
          : error(404, "endpoint " + endpointId + " is not wired in container " + containerId);
    } catch (IllegalStateException e) {
      return error(409, e.getMessage());
    } catch (IOException e) {
      return error(500, "cannot disconnect container " + containerId + ": " + e.getMessage());
    }
  }

  private static Response error(int status, String message) {
    return Response.status(status).entity(Map.of("message", message)).type(MediaType.APPLICATION_JSON).build();
  }
}
