package io.berth.events.image.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/**
 * Fact: a manifest was pushed to Berth's registry ({@code PUT /v2/<repository>/manifests/<ref>}),
 * or {@code docker push} sent an image to a registry. Type {@code io.berth.image.pushed.v1};
 * subject: the manifest digest.
 *
 * @param repository a repository of Berth's registry ({@code team/app}), or for docker push the
 *     full name including the registry ({@code registry.example:5000/team/app})
 * @param tag the tag pushed, or null for a push by digest
 * @param manifestDigest digest of the received manifest bytes
 * @param mediaType the manifest's media type (image manifest, index, artifact)
 * @param subject the digest of the manifest it refers to ({@code subject}), or null
 */
public record ImagePushed(
    String repository, String tag, String manifestDigest, String mediaType, String subject, Instant pushedAt)
    implements EventData {
  public ImagePushed {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(manifestDigest, "manifestDigest");
  }
}
