package io.berth.gateway.auth.token;

import io.berth.common.error.InvalidArgumentException;
import io.berth.gateway.access.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Platform API for API tokens: {@code /berth/v1/tokens} (admin only, but {@code /self}). */
@Path("/berth/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tokens", description = "Bearer tokens of the TCP listener and the registry")
public class TokenResource {

  private final TokenService tokens;

  public TokenResource(TokenService tokens) {
    this.tokens = tokens;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a token; the answer is the only one that shows its secret")
  @APIResponse(responseCode = "201", description = "Created")
  @APIResponse(responseCode = "400", description = "Invalid name or role")
  @APIResponse(responseCode = "409", description = "A live token has this name")
  public Uni<Response> create(TokenRequest request) {
    if (request == null) {
      throw new InvalidArgumentException("request body is required");
    }
    return tokens.create(request.name(), request.role())
        .map(c -> Response.status(201).entity(TokenResponse.created(c)).build());
  }

  @GET
  @Operation(summary = "List tokens, revoked ones included (never their secrets)")
  public Uni<List<TokenResponse>> list() {
    return tokens.list().map(all -> all.stream().map(TokenResponse::of).toList());
  }

  @GET
  @Path("/self")
  @Operation(summary = "The caller's own identity; open to every role")
  public CallerResponse self(RoutingContext ctx) {
    Caller c = Caller.of(ctx).orElseThrow();
    return new CallerResponse(c.tokenId(), c.name(), c.role(), c.transport());
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Revoke a token: it stops working at once")
  @APIResponse(responseCode = "204", description = "Revoked (also when it already was)")
  @APIResponse(responseCode = "404", description = "No such token")
  public Uni<Response> revoke(@PathParam("id") String id) {
    return tokens.revoke(id).replaceWith(Response.noContent().build());
  }

  /** Who is calling. */
  public record CallerResponse(String id, String name, String role, String transport) {}
}
