package io.berth.image.gc;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;

/** The admin trigger: {@code POST /internal/registry/gc} runs one collection and reports it. Not proxied by the gateway. */
@Path("/internal/registry/gc")
public class GcResource {
  private final BlobCollector collector;

  public GcResource(BlobCollector collector) {
    this.collector = collector;
  }

  @POST
  @Blocking
  @Produces(MediaType.APPLICATION_JSON)
  public GcReport collect() throws IOException {
    return collector.collect();
  }
}
