package io.berth.image.build.api;

import io.berth.image.build.cache.BuildCachePruner;
import io.berth.image.build.cache.BuildPruneResponse;
import io.berth.image.pull.RegistryConfig;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Docker's classic build API: {@code POST /build} (the CLI with DOCKER_BUILDKIT=0 or without
 * buildx) takes the context as a tar body and answers with the build's message stream; {@code
 * POST /build/prune} is {@code docker builder prune}.
 */
@Path("/build")
public class BuildResource {
  private final BuildHandler builds;
  private final BuildCachePruner pruner;

  public BuildResource(BuildHandler builds, BuildCachePruner pruner) {
    this.builds = builds;
    this.pruner = pruner;
  }

  @POST
  @Blocking
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response build(
      @QueryParam("t") List<String> tags,
      @QueryParam("dockerfile") String dockerfile,
      @QueryParam("buildargs") String buildArgs,
      @QueryParam("target") String target,
      @QueryParam("nocache") String noCache,
      @QueryParam("pull") String pull,
      @QueryParam("labels") String labels,
      @QueryParam("rm") String rm,
      @QueryParam("forcerm") String forceRm,
      @QueryParam("networkmode") String networkMode,
      @QueryParam("platform") String platform,
      @QueryParam("q") String quiet,
      @QueryParam("remote") String remote,
      @QueryParam("version") String version,
      @HeaderParam("X-Registry-Config") String registryConfig,
      InputStream body)
      throws IOException {
    return builds.start(BuildOptions.parse(BuildHandler.newId(), tags, dockerfile, buildArgs, target, noCache, pull,
        labels, rm, forceRm, networkMode, platform, quiet, remote, version, RegistryConfig.fromHeader(registryConfig)), body);
  }

  @POST
  @Blocking
  @Path("/prune")
  @Produces(MediaType.APPLICATION_JSON)
  public BuildPruneResponse prune() throws IOException {
    return pruner.prune();
  }
}
