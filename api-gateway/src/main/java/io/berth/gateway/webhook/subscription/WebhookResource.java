package io.berth.gateway.webhook.subscription;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Platform API for webhook subscriptions: {@code /berth/v1/webhooks}. */
@Path("/berth/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Signed CloudEvents delivered to your HTTP endpoints")
public class WebhookResource {

  private final SubscriptionService service;
  private final ActiveSubscriptions active;

  public WebhookResource(SubscriptionService service, ActiveSubscriptions active) {
    this.service = service;
    this.active = active;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a subscription; the answer is the only one that shows the secret")
  @APIResponse(responseCode = "201", description = "Created")
  @APIResponse(responseCode = "400", description = "Invalid URL, denied destination or bad filter")
  public Uni<Response> create(SubscriptionRequest request) {
    // After the service's transaction committed: the dispatcher then reads the new state.
    return service.create(request)
        .invoke(active::invalidate)
        .map(s -> Response.status(201).entity(SubscriptionResponse.of(s, true)).build());
  }

  @GET
  @Operation(summary = "List subscriptions")
  public Uni<List<SubscriptionResponse>> list() {
    return service.list().map(all -> all.stream().map(s -> SubscriptionResponse.of(s, false)).toList());
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "Inspect a subscription")
  @APIResponse(responseCode = "404", description = "No such webhook")
  public Uni<SubscriptionResponse> get(@PathParam("id") String id) {
    return service.get(id).map(s -> SubscriptionResponse.of(s, false));
  }

  @PATCH
  @Consumes(MediaType.APPLICATION_JSON)
  @Path("/{id}")
  @Operation(summary = "Change a subscription (absent fields keep their value); active=true re-enables it")
  @APIResponse(responseCode = "404", description = "No such webhook")
  public Uni<SubscriptionResponse> update(@PathParam("id") String id, SubscriptionRequest request) {
    return service.update(id, request).invoke(active::invalidate).map(s -> SubscriptionResponse.of(s, false));
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete a subscription and its pending deliveries")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", description = "No such webhook")
  public Uni<Response> delete(@PathParam("id") String id) {
    return service.delete(id).invoke(active::invalidate).replaceWith(Response.noContent().build());
  }

  @POST
  @Path("/{id}/test")
  @Operation(summary = "Send a ping event (type io.berth.webhook.ping.v1) through the normal delivery path")
  @APIResponse(responseCode = "202", description = "Queued; the answer holds the event id")
  @APIResponse(responseCode = "404", description = "No such webhook")
  public Uni<Response> test(@PathParam("id") String id) {
    return service.ping(id).map(eventId -> Response.accepted(Map.of("eventId", eventId)).build());
  }
}
