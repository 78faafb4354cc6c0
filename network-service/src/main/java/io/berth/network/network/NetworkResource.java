package io.berth.network.network;

import io.berth.network.sandbox.AttachmentService;
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
import java.util.List;
import java.util.Map;

/** Docker Engine API network endpoints, same paths and JSON as dockerd (the gateway proxies them). */
@Path("/networks")
@Produces(MediaType.APPLICATION_JSON)
public class NetworkResource {
  private final NetworkService service;
  private final AttachmentService attachments;

  public NetworkResource(NetworkService service, AttachmentService attachments) {
    this.service = service;
    this.attachments = attachments;
  }

  @GET
  public Uni<List<Map<String, Object>>> list(@QueryParam("filters") String filters) {
    return service.list(filters);
  }

  @POST
  @Path("/create")
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> create(byte[] body) {
    return service.create(body).map(id -> Response.status(201)
        .entity(Map.of("Id", id, "Warning", "")).type(MediaType.APPLICATION_JSON_TYPE).build());
  }

  @POST
  @Path("/prune")
  @Consumes(MediaType.WILDCARD)
  public Uni<Map<String, List<String>>> prune(@QueryParam("filters") String filters) {
    return service.prune(filters).map(names -> Map.of("NetworksDeleted", names));
  }

  @GET
  @Path("/{id}")
  public Uni<Map<String, Object>> inspect(@PathParam("id") String id) {
    return service.inspect(id);
  }

  @DELETE
  @Path("/{id}")
  public Uni<Response> remove(@PathParam("id") String id) {
    return service.remove(id).replaceWith(Response.noContent().build());
  }

  @POST
  @Path("/{id}/connect")
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> connect(@PathParam("id") String id, byte[] body) {
    return attachments.connect(id, body).replaceWith(Response.ok().build());
  }

  @POST
  @Path("/{id}/disconnect")
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> disconnect(@PathParam("id") String id, byte[] body) {
    return attachments.disconnect(id, body).replaceWith(Response.ok().build());
  }
}
