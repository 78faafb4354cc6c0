package io.berth.image.registry;

import io.berth.common.error.ErrorMapper;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Unknown paths and methods under {@code /v2/} answer with the spec's error body (clients parse
 * it); everywhere else they stay Docker's {@code {"message": "page not found"}}.
 */
public class RegistryRoutingErrors {
  private final ErrorMapper docker = new ErrorMapper();
  private final RegistryErrorMapper registry = new RegistryErrorMapper();

  @ServerExceptionMapper
  public Response notFound(NotFoundException e, UriInfo uri) {
    return isRegistry(uri)
        ? registry.map(new RegistryException(RegistryErrorCode.UNSUPPORTED, Map.of("path", uri.getPath()), 404))
        : docker.routing(e);
  }

  @ServerExceptionMapper
  public Response notAllowed(NotAllowedException e, UriInfo uri) {
    return isRegistry(uri)
        ? registry.map(new RegistryException(RegistryErrorCode.UNSUPPORTED, Map.of("path", uri.getPath())))
        : docker.routing(e);
  }

  private static boolean isRegistry(UriInfo uri) {
    String path = uri.getPath();
    return path.equals("/v2") || path.startsWith("/v2/");
  }
}
