package io.berth.image.build.engine;

import io.berth.image.pull.RegistryConfig;
import io.berth.oci.ImageReference;
import java.util.List;
import java.util.Map;

/**
 * What {@code POST /build} asks for.
 *
 * @param buildId random id of this build (64 hex), the subject of its facts
 * @param dockerfile the Dockerfile's path in the context
 * @param tags {@code t}, applied only on success
 * @param buildArgs {@code buildargs}; a null value means "declared but unset" (the CLI's --build-arg X with no X in its env)
 * @param target the stage to stop at, or null for the last
 * @param labels {@code labels}, added to the final image
 * @param rm remove a RUN's container after it succeeds
 * @param forceRm remove it after a failure too
 * @param networkMode RUN containers' network ("default" unless --network)
 * @param platform {@code os/arch} for base images, or null
 * @param registries the credentials base images are pulled with ({@code X-Registry-Config})
 */
public record BuildRequest(
    String buildId,
    String dockerfile,
    List<ImageReference> tags,
    Map<String, String> buildArgs,
    String target,
    boolean noCache,
    boolean pull,
    Map<String, String> labels,
    boolean rm,
    boolean forceRm,
    String networkMode,
    String platform,
    boolean quiet,
    RegistryConfig registries) {

  public List<String> tagNames() {
    return tags.stream().map(t -> t.familiarName() + ":" + t.tag()).toList();
  }
}
