package io.berth.container.volume;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.InvalidArgumentException;
import io.berth.container.container.DockerBooleans;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Docker's volume API ({@code docker volume create/ls/inspect/rm/prune}). */
@Path("/volumes")
@Produces(MediaType.APPLICATION_JSON)
public class VolumeResource {
  private final VolumeService volumes;
  private final ObjectMapper json;

  public VolumeResource(VolumeService volumes, ObjectMapper json) {
    this.volumes = volumes;
    this.json = json;
  }

  @POST
  @Path("/create")
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> create(byte[] body) {
    com.fasterxml.jackson.databind.JsonNode request;
    try {
      request = body == null || body.length == 0 ? json.createObjectNode() : json.readTree(body);
    } catch (java.io.IOException e) {
      return Uni.createFrom().failure(new InvalidArgumentException("invalid JSON: " + e.getMessage()));
    }
    return volumes.create(request).map(v -> Response.status(201).entity(v).build());
  }

  @GET
  public Uni<Map<String, Object>> list(@QueryParam("filters") String filters) {
    return volumes.list(filters);
  }

  @GET
  @Path("/{name}")
  public Uni<VolumeView> inspect(@PathParam("name") String name) {
    return volumes.inspect(name);
  }

  @DELETE
  @Path("/{name}")
  public Uni<Response> remove(@PathParam("name") String name, @QueryParam("force") String force) {
    return volumes.remove(name, DockerBooleans.parse(force)).map(v -> Response.noContent().build());
  }

  @POST
  @Path("/prune")
  @Consumes(MediaType.WILDCARD)
  public Uni<Map<String, Object>> prune(@QueryParam("filters") String filters) {
    return volumes.prune(filters);
  }
}
