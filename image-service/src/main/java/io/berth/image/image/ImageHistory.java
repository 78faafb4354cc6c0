package io.berth.image.image;

import io.berth.oci.Descriptor;
import io.berth.oci.image.ImageConfigJson;
import io.berth.oci.image.ManifestJson;
import io.berth.oci.image.OciJson;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code docker history} from an image's config history and manifest layers: each non-empty
 * history step consumes the next layer (its size); newest first; only the top line carries the
 * image id and tags, older ones are {@code <missing>} as in Docker for images it did not build.
 */
final class ImageHistory {
  private ImageHistory() {}

  static List<HistoryItem> of(ImageEntity image, List<String> repoTags) {
    ImageConfigJson config = OciJson.read(image.config, ImageConfigJson.class);
    List<Descriptor> layers = OciJson.read(image.manifest, ManifestJson.class).layers();
    List<ImageConfigJson.History> steps = config.history() == null ? List.of() : config.history();
    List<HistoryItem> out = new ArrayList<>();
    int layer = 0;
    for (ImageConfigJson.History h : steps) {
      boolean empty = Boolean.TRUE.equals(h.emptyLayer());
      long size = !empty && layer < layers.size() ? layers.get(layer++).size() : 0;
      out.add(new HistoryItem("<missing>", epoch(h.created(), image), nz(h.createdBy()), null, size, nz(h.comment())));
    }
    // Layers the history does not describe (or no history at all): one line each.
    for (; layer < layers.size(); layer++) {
      out.add(new HistoryItem("<missing>", image.created.getEpochSecond(), "", null, layers.get(layer).size(), ""));
    }
    Collections.reverse(out);
    if (out.isEmpty()) {
      out.add(new HistoryItem("<missing>", image.created.getEpochSecond(), "", null, 0, ""));
    }
    HistoryItem top = out.get(0);
    out.set(0, new HistoryItem(image.id, top.created(), top.createdBy(), repoTags.isEmpty() ? null : repoTags,
        top.size(), top.comment()));
    return out;
  }

  private static long epoch(String created, ImageEntity image) {
    try {
      return created == null ? image.created.getEpochSecond() : OffsetDateTime.parse(created).toEpochSecond();
    } catch (RuntimeException e) {
      return image.created.getEpochSecond();
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
