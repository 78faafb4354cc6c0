package io.berth.image.registry;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Renders {@link RegistryException} as the spec's {@code {"errors":[{code,message,detail}]}}. */
public class RegistryErrorMapper {

  @ServerExceptionMapper
  public Response map(RegistryException e) {
    return Response.status(e.status())
        .type(MediaType.APPLICATION_JSON)
        .header(RegistryResource.API_VERSION_HEADER, RegistryResource.API_VERSION)
        .entity(body(e))
        .build();
  }

  /** The error body, also written by the plain Vert.x blob routes. */
  public static Map<String, Object> body(RegistryException e) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", e.code().name());
    error.put("message", e.code().message());
    error.put("detail", e.detail());
    return Map.of("errors", List.of(error));
  }
}
