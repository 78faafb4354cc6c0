package io.berth.image.push;

import io.berth.common.error.InvalidArgumentException;
import io.berth.image.pull.ProgressStream;
import io.berth.image.pull.RegistryCredentials;
import io.berth.oci.ImageReference;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * {@code POST /images/{name}/push?tag=} with {@code X-Registry-Auth}: Docker's push, answered as
 * its JSON progress stream; a failure after the stream began is its last line.
 */
@Path("/images")
public class PushResource {
  private static final Logger LOG = Logger.getLogger(PushResource.class);

  private final PushService pushes;

  public PushResource(PushService pushes) {
    this.pushes = pushes;
  }

  @POST
  @Blocking
  @Path("/{name: .+}/push")
  public Response push(@PathParam("name") String name, @QueryParam("tag") String tag,
      @HeaderParam("X-Registry-Auth") String registryAuth) {
    ImageReference ref = PushService.reference(name);
    RegistryCredentials credentials;
    try {
      credentials = RegistryCredentials.fromHeader(registryAuth);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(e.getMessage());
    }
    List<PushTarget> targets = pushes.targets(ref, tag);
    StreamingOutput body = out -> {
      ProgressStream progress = new ProgressStream(out);
      try {
        pushes.push(ref, targets, credentials, progress);
      } catch (UncheckedIOException gone) {
        LOG.debugf("push of %s: the client went away", ref);
      } catch (IOException | RuntimeException e) {
        LOG.warnf(e, "push of %s failed", ref);
        progress.error(e.getMessage() == null ? e.toString() : e.getMessage());
      }
    };
    return Response.ok(body, MediaType.APPLICATION_JSON).build();
  }
}
