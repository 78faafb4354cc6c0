package io.berth.node.api;

import io.berth.node.image.ImagePuller;
import io.berth.node.rootfs.RootfsAccess;
import io.berth.oci.Digest;
import java.util.function.Function;

/**
 * The image of the container a files request is about, as the gateway passes it along from
 * container-service: a container that was created but never started has no root on its node yet,
 * and docker cp, export and diff on it need one made from its image.
 */
final class ImageHeaders {
  static final String REGISTRY = "X-Berth-Image-Registry";
  static final String REPOSITORY = "X-Berth-Image-Repository";
  static final String DIGEST = "X-Berth-Image-Digest";

  private ImageHeaders() {}

  /** The layers to make a root from, or null when the request does not name the image. */
  static RootfsAccess.ImageLayers layers(Function<String, String> header, ImagePuller images) {
    String registry = header.apply(REGISTRY);
    String repository = header.apply(REPOSITORY);
    String digest = header.apply(DIGEST);
    if (blank(registry) || blank(repository) || blank(digest)) {
      return null;
    }
    return () -> images.pull(registry, repository, Digest.parse(digest)).layers();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
