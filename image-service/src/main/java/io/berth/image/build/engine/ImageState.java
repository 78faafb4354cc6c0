package io.berth.image.build.engine;

import io.berth.image.importer.Platforms;
import io.berth.oci.Descriptor;
import io.berth.oci.image.ImageConfigJson;
import java.util.List;

/**
 * A build's current image: its id (null for {@code scratch} before any step), its config and its
 * layers, bottom first.
 */
public record ImageState(String imageId, ImageConfigJson config, List<Descriptor> layers) {

  public ImageState {
    layers = List.copyOf(layers);
  }

  /** {@code FROM scratch}: no layers, no config. */
  public static ImageState scratch() {
    return new ImageState(null, new ImageConfigJson(null, null, Platforms.architecture(), "linux",
        ImageConfigJson.Config.EMPTY, ImageConfigJson.RootFs.layers(List.of()), List.of()), List.of());
  }

  public ImageConfigJson.Config runConfig() {
    return config.config() == null ? ImageConfigJson.Config.EMPTY : config.config();
  }

  /** Docker's short id (12 hex), "" for scratch. */
  public String shortId() {
    return imageId == null ? "" : imageId.substring(imageId.indexOf(':') + 1, imageId.indexOf(':') + 13);
  }
}
