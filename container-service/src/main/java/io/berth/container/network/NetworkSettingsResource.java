package io.berth.container.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.NotFoundException;
import io.berth.container.container.ContainerRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Internal API for network-service: a running container connected to (PUT) or disconnected from
 * (DELETE) a network shows it in {@code NetworkSettings.Networks} of inspect and ps, as in Docker.
 */
@Path("/internal/containers/{id}/networks/{network}")
public class NetworkSettingsResource {
  private final ContainerRepository containers;

  public NetworkSettingsResource(ContainerRepository containers) {
    this.containers = containers;
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> put(@PathParam("id") String id, @PathParam("network") String network, JsonNode entry) {
    return update(id, network, entry);
  }

  @DELETE
  public Uni<Response> delete(@PathParam("id") String id, @PathParam("network") String network) {
    return update(id, network, null);
  }

  private Uni<Response> update(String id, String network, JsonNode entry) {
    return Panache.withTransaction(() -> containers.findForUpdate(id).map(c -> {
      if (c == null) {
        throw new NotFoundException("No such container: " + id);
      }
      c.networkSettings = NetworkSettingsView.withNetwork(c.networkSettings, network, entry);
      return Response.noContent().build();
    }));
  }
}
