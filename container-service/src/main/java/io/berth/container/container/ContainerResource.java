package io.berth.container.container;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.container.api.ContainerInspectResponse;
import io.berth.container.api.ContainerSummary;
import io.berth.container.api.ContainerWaitResponse;
import io.berth.container.api.InternalContainerResponse;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Docker Engine API v1.41 container endpoints, same paths and JSON as dockerd, so the gateway
 * proxies {@code /containers/**} here unchanged. Only maps HTTP; the services do the work.
 */
@Path("/containers")
@Produces(MediaType.APPLICATION_JSON)
public class ContainerResource {
  /** Header of a create's answer with the container's location; internal, the gateway drops it. */
  public static final String LOCATION_HEADER = "X-Berth-Location";

  private final ContainerService service;
  private final ObjectMapper json;
  private final ContainerLifecycleService lifecycle;
  private final ContainerRemovalService removal;
  private final ContainerPauseService pausing;
  private final ContainerUpdateService updates;

  public ContainerResource(
      ContainerService service, ContainerLifecycleService lifecycle, ContainerRemovalService removal,
      ContainerPauseService pausing, ContainerUpdateService updates, ObjectMapper json) {
    this.service = service;
    this.json = json;
    this.lifecycle = lifecycle;
    this.removal = removal;
    this.pausing = pausing;
    this.updates = updates;
  }

  @POST
  @Path("/create")
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> create(@QueryParam("name") String name, byte[] body) {
    // The location rides along for the gateway (which drops the header): docker run attaches and
    // waits next, and would otherwise have the gateway ask for it at once.
    return service.create(name, body)
        .map(r -> Response.status(201).entity(r.answer()).type(MediaType.APPLICATION_JSON_TYPE)
            .header(LOCATION_HEADER, location(r.location())).build());
  }

  private String location(InternalContainerResponse location) {
    try {
      return json.writeValueAsString(location);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @GET
  @Path("/json")
  public Uni<List<ContainerSummary>> list(
      @QueryParam("all") String all, @QueryParam("limit") @DefaultValue("-1") int limit,
      @QueryParam("filters") String filters) {
    return service.list(DockerBooleans.parse(all), limit, filters);
  }

  @GET
  @Path("/{id}/json")
  public Uni<ContainerInspectResponse> inspect(@PathParam("id") String id) {
    return service.inspect(id);
  }

  @POST
  @Path("/{id}/start")
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> start(@PathParam("id") String id) {
    return lifecycle.start(id).map(ContainerResource::noContentOr304);
  }

  @POST
  @Path("/{id}/stop")
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> stop(@PathParam("id") String id, @QueryParam("t") Integer t) {
    return lifecycle.stop(id, t).map(ContainerResource::noContentOr304);
  }

  @POST
  @Path("/{id}/kill")
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> kill(@PathParam("id") String id, @QueryParam("signal") String signal) {
    return lifecycle.kill(id, signal).map(v -> Response.noContent().build());
  }

  @POST
  @Path("/{id}/restart")
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> restart(@PathParam("id") String id, @QueryParam("t") Integer t) {
    return lifecycle.restart(id, t).map(v -> Response.noContent().build());
  }

  @POST
  @Path("/{id}/pause")
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> pause(@PathParam("id") String id) {
    return pausing.pause(id).map(v -> Response.noContent().build());
  }

  @POST
  @Path("/{id}/unpause")
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> unpause(@PathParam("id") String id) {
    return pausing.unpause(id).map(v -> Response.noContent().build());
  }

  @POST
  @Path("/{id}/update")
  @Consumes(MediaType.WILDCARD)
  public Uni<ContainerUpdateService.UpdateResponse> update(@PathParam("id") String id, byte[] body) {
    return updates.update(id, body);
  }

  @POST
  @Path("/{id}/rename")
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> rename(@PathParam("id") String id, @QueryParam("name") String name) {
    return service.rename(id, name).map(v -> Response.noContent().build());
  }

  @POST
  @Path("/{id}/wait")
  @Consumes(MediaType.WILDCARD)
  public Uni<ContainerWaitResponse> await(
      @PathParam("id") String id, @QueryParam("condition") String condition) {
    return lifecycle.await(id, condition);
  }

  @DELETE
  @Path("/{id}")
  public Uni<Response> remove(
      @PathParam("id") String id, @QueryParam("force") String force, @QueryParam("v") String volumes) {
    return removal.remove(id, DockerBooleans.parse(force), DockerBooleans.parse(volumes)).map(v -> Response.noContent().build());
  }

  private static Response noContentOr304(StartOutcome outcome) {
    return outcome == StartOutcome.NOT_MODIFIED ? Response.notModified().build() : Response.noContent().build();
  }
}
