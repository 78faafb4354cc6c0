package io.berth.gateway.webhook.delivery;

import io.berth.common.error.ConflictException;
import io.berth.common.error.InvalidArgumentException;
import io.berth.common.error.NotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The delivery log of a subscription and manual redelivery. */
@Path("/berth/v1/webhooks/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class DeliveryResource {

  private final DeliveryLogRepository log;
  private final DeliveryWakeUp wakeUp;

  public DeliveryResource(DeliveryLogRepository log, DeliveryWakeUp wakeUp) {
    this.log = log;
    this.wakeUp = wakeUp;
  }

  @GET
  @Path("/deliveries")
  @Operation(summary = "Newest deliveries first, each with its attempts (time, HTTP status, latency, response snippet, error)")
  @APIResponse(responseCode = "404", description = "No such webhook")
  public Uni<List<DeliveryView>> deliveries(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw new InvalidArgumentException("limit must be between 1 and 1000");
    }
    return log.list(uuid(id), limit);
  }

  @POST
  @Path("/deliveries/{deliveryId}/redeliver")
  @Operation(summary = "Send a delivered or failed event again (same webhook-id)")
  @APIResponse(responseCode = "202", description = "Queued")
  @APIResponse(responseCode = "404", description = "No such webhook")
  @APIResponse(responseCode = "409", description = "No such finished delivery (it may still be pending)")
  public Uni<Response> redeliver(@PathParam("id") String id, @PathParam("deliveryId") long deliveryId) {
    return log.redeliver(uuid(id), deliveryId).map(queued -> {
      if (!queued) {
        throw new ConflictException("delivery " + deliveryId + " is pending or does not exist");
      }
      wakeUp.wake();
      return Response.accepted(Map.of("deliveryId", deliveryId)).build();
    });
  }

  @POST
  @Path("/redeliver")
  @Operation(summary = "Send every finished delivery created in [since, until) again (RFC 3339 times)")
  @APIResponse(responseCode = "202", description = "Queued; the answer holds how many")
  public Uni<Response> redeliverRange(@PathParam("id") String id, @QueryParam("since") String since,
      @QueryParam("until") String until) {
    Instant from = time("since", since, Instant.EPOCH);
    Instant to = time("until", until, Instant.now().plusSeconds(1));
    return log.redeliver(uuid(id), from, to).map(count -> {
      wakeUp.wake();
      return Response.accepted(Map.of("queued", count)).build();
    });
  }

  private static Instant time(String name, String value, Instant fallback) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidArgumentException(name + " must be an RFC 3339 time: " + value);
    }
  }

  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("No such webhook: " + id);
    }
  }
}
