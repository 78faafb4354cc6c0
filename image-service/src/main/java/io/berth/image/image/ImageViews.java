package io.berth.image.image;

import io.berth.oci.image.ImageConfigJson;
import io.berth.oci.image.OciJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Translates stored images into Docker's API views. */
final class ImageViews {
  private ImageViews() {}

  static ImageConfigJson config(ImageEntity image) {
    return OciJson.read(image.config, ImageConfigJson.class);
  }

  static List<String> repoTags(List<TagEntity> tags) {
    return tags.stream().map(TagEntity::repoTag).toList();
  }

  // Berth serves every tagged image from its own registry, so name@manifest-digest is pullable.
  static List<String> repoDigests(ImageEntity image, List<TagEntity> tags) {
    return tags.stream().map(t -> t.repository).distinct().map(r -> r + "@" + image.manifestDigest).toList();
  }

  static ImageSummaryResponse summary(ImageEntity image, List<TagEntity> tags) {
    ImageConfigJson c = config(image);
    Map<String, String> labels = c.config() == null ? null : c.config().labels();
    return new ImageSummaryResponse(
        image.id, image.parentId == null ? "" : image.parentId, repoTags(tags), repoDigests(image, tags), image.created.getEpochSecond(),
        image.size, -1, image.size, labels == null || labels.isEmpty() ? null : labels, -1);
  }

  static ImageInspectResponse inspect(ImageEntity image, List<TagEntity> tags) {
    ImageConfigJson c = config(image);
    ImageConfigJson.Config cc = c.config() == null ? ImageConfigJson.Config.EMPTY : c.config();
    String comment = null;
    if (c.history() != null && !c.history().isEmpty()) {
      comment = c.history().get(c.history().size() - 1).comment();
    }
    List<String> layers =
        c.rootfs() == null ? List.of() : c.rootfs().diffIds().stream().map(Object::toString).toList();
    Map<String, Object> metadata = new LinkedHashMap<>();
    tags.stream().map(t -> t.taggedAt).filter(t -> t != null).max(Comparable::compareTo)
        .ifPresent(t -> metadata.put("LastTagTime", t.toString()));
    return new ImageInspectResponse(
        image.id, repoTags(tags), repoDigests(image, tags), image.parentId == null ? "" : image.parentId, comment == null ? "" : comment,
        c.created() != null ? c.created() : image.created.toString(), "",
        c.author() == null ? "" : c.author(),
        new ImageInspectResponse.Config(
            cc.user() == null ? "" : cc.user(), cc.env(), cc.cmd(), cc.entrypoint(),
            cc.workingDir() == null ? "" : cc.workingDir(), cc.labels(), cc.exposedPorts(),
            cc.volumes(), cc.stopSignal(), cc.healthcheck(), cc.onBuild(), cc.shell()),
        c.architecture(), c.os(), image.size, image.size,
        new ImageInspectResponse.RootFs("layers", layers), metadata);
  }
}
