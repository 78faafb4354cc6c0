package io.berth.image.archive;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /images/load}: loads a {@code docker save} tar; answers Docker's JSON message stream. */
@Path("/images")
public class LoadResource {
  private final ArchiveLoader loader;

  public LoadResource(ArchiveLoader loader) {
    this.loader = loader;
  }

  @POST
  @Blocking
  @Path("/load")
  @Consumes(MediaType.WILDCARD)
  public Response load(InputStream body) throws IOException {
    StringBuilder out = new StringBuilder();
    for (String line : loader.load(body)) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("stream", line + "\n");
      out.append(io.berth.oci.image.OciJson.mapper().writeValueAsString(m)).append("\r\n");
    }
    return Response.ok(out.toString(), MediaType.APPLICATION_JSON).build();
  }
}
