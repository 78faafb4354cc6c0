package io.berth.events.image.v1;

import io.berth.events.Collections2;
import io.berth.events.EventData;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Fact: an image was pulled from a remote registry into the store ({@code docker pull}). Type
 * {@code io.berth.image.pulled.v1}; subject: the image id.
 *
 * @param imageId config digest {@code sha256:<hex>} (Docker's image id)
 * @param reference what was pulled, e.g. {@code registry.example:5000/team/app:1.0}
 * @param repoTags the tags now on the image because of this pull; may be empty (pull by digest)
 * @param manifestDigest digest of the pulled manifest (the index's, when an index was resolved)
 * @param size total size of config and layers, in bytes (compressed, as stored)
 */
public record ImagePulled(
    String imageId, String reference, List<String> repoTags, String manifestDigest, long size, Instant pulledAt)
    implements EventData {
  public ImagePulled {
    Objects.requireNonNull(imageId, "imageId");
    Objects.requireNonNull(reference, "reference");
    repoTags = Collections2.list(repoTags);
  }
}
