package io.berth.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become HTTP responses, always Docker-style
 * {@code {"message": "..."}}: error kinds to their status, malformed JSON bodies to 400, routing
 * errors to their status ("page not found" for an unknown path, as dockerd says), and anything
 * unexpected to a 500 whose details stay in the server log.
 */
public class ErrorMapper {
  private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

  @ServerExceptionMapper
  public Response kind(BerthException e) {
    return respond(e.status(), e.getMessage());
  }

  @ServerExceptionMapper
  public Response badJson(JsonProcessingException e) {
    return respond(400, "invalid JSON in request body: " + e.getOriginalMessage());
  }

  // Quarkus REST ships its own mapper for this subtype (a field-by-field JSON body): ours must be
  // at least as specific to win.
  @ServerExceptionMapper
  public Response badJsonField(MismatchedInputException e) {
    return badJson(e);
  }

  @ServerExceptionMapper
  public Response routing(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (e.getCause() instanceof JsonProcessingException json) {
      return badJson(json);
    }
    String message = e.getMessage();
    // JAX-RS' default messages ("HTTP 404 Not Found") are not for users; Docker's are.
    if (message == null || message.startsWith("HTTP " + status)) {
      message = status == 404 ? "page not found" : reason(status);
    }
    if (status >= 500) {
      LOG.errorf(e, "request failed with %d", status);
    }
    return respond(status, message);
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e) {
    String ref = UUID.randomUUID().toString().substring(0, 8);
    LOG.errorf(e, "unexpected error (ref %s)", ref);
    return respond(500, "internal server error (ref " + ref + ")");
  }

  private static String reason(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    return known != null ? known.getReasonPhrase().toLowerCase() : "request failed";
  }

  private static Response respond(int status, String message) {
    if (status == 304) {
      return Response.notModified().build(); // a 304 has no body
    }
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorResponse(message))
        .build();
  }
}
