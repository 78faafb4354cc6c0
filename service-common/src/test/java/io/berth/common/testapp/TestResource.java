package io.berth.common.testapp;

import io.berth.common.error.ConflictException;
import io.berth.common.error.InvalidArgumentException;
import io.berth.common.error.NotFoundException;
import io.berth.common.error.UnavailableException;
import io.berth.common.outbox.Outbox;
import io.berth.events.CloudEvent;
import io.berth.events.Envelope;
import io.berth.events.container.v1.ContainerCreated;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Map;

/** Test-only endpoints that drive the outbox and the error mapper the way a service would. */
@Path("/test")
public class TestResource {
  public static final String SOURCE = "/service-common-test";
  private final Outbox outbox;

  public TestResource(Outbox outbox) {
    this.outbox = outbox;
  }

  /** Creates a widget and announces it; {@code fail=true} throws after both writes (rollback). */
  @POST
  @Path("/containers/{id}")
  @WithTransaction
  public Uni<String> create(@PathParam("id") String id, @QueryParam("fail") boolean fail) {
    CloudEvent<ContainerCreated> event =
        Envelope.of(SOURCE, new ContainerCreated(id, "web", "busybox:latest", null, Map.of("a", "b"), Instant.now()));
    return Widget.named(id).persist()
        .chain(() -> outbox.add(event))
        .map(v -> {
          if (fail) {
            throw new ConflictException("container name \"/web\" is already in use");
          }
          return event.id();
        });
  }

  /** Outbox.add without a transaction must be refused. */
  @POST
  @Path("/no-transaction/{id}")
  @WithSession
  public Uni<String> noTransaction(@PathParam("id") String id) {
    return outbox.add(Envelope.of(SOURCE, new ContainerCreated(id, null, null, null, null, null)))
        .replaceWith("published?");
  }

  @GET
  @Path("/errors/{kind}")
  public String error(@PathParam("kind") String kind) {
    switch (kind) {
      case "notfound" -> throw new NotFoundException("No such container: web");
      case "conflict" -> throw new ConflictException("Conflict. The container name \"/web\" is already in use");
      case "invalid" -> throw new InvalidArgumentException("invalid reference format");
      case "unavailable" -> throw new UnavailableException("no node available");
      default -> throw new IllegalStateException("secret internal detail");
    }
  }

  /** Echoes a JSON body, to exercise body parsing errors. */
  @POST
  @Path("/echo")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> echo(EchoRequest request) {
    return Map.of("name", request.name(), "count", request.count());
  }

  public record EchoRequest(String name, int count) {}
}
