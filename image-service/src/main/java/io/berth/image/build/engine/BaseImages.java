package io.berth.image.build.engine;

import io.berth.image.build.cache.BuildCacheRepository.TagName;
import io.berth.image.image.ImageLookup;
import io.berth.image.image.ResolvedImage;
import io.berth.image.pull.ProgressStream;
import io.berth.image.pull.PullException;
import io.berth.image.pull.PullHandler;
import io.berth.image.pull.RegistryConfig;
import io.berth.oci.ImageReference;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;

/**
 * FROM and COPY --from=image: an image in the store by name or id, pulled through the ordinary
 * pull code when it is missing (or always, with {@code pull=1}), its progress shown in the build.
 */
@ApplicationScoped
public class BaseImages {
  private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("(?:sha256:)?[a-f0-9]{1,64}");
  private final ImageLookup lookup;
  private final PullHandler pulls;
  private final StepImages steps;

  public BaseImages(ImageLookup lookup, PullHandler pulls, StepImages steps) {
    this.lookup = lookup;
    this.pulls = pulls;
    this.steps = steps;
  }

  /**
   * The image {@code name} names.
   *
   * @param progress where pull progress goes (the build's stream), or null to hide it
   */
  public ImageState resolve(String name, boolean pull, String platform, RegistryConfig registries, OutputStream progress)
      throws IOException {
    if (!pull && !ID.matcher(name).matches()) {
      // The usual FROM, name:tag of a local image: one read. Ids, digests and misses take the
      // general lookup (which also tries short ids) and the pull.
      ImageReference ref = ImageLookup.parseOrNull(name);
      if (ref != null && ref.digest() == null) {
        ImageState tagged = steps.tagged(ref.familiarName(), ref.tag());
        if (tagged != null) {
          return tagged;
        }
      }
    }
    ResolvedImage local = pull ? null : find(name);
    if (local == null) {
      ImageReference ref = ImageLookup.parseOrNull(name);
      if (ref == null) {
        throw new BuildFailure("invalid reference format: repository name (" + name + ") must be lowercase");
      }
      try {
        pulls.pullForBuild(ref, platform, registries.credentialsFor(ref.registry()),
            new ProgressStream(progress == null ? OutputStream.nullOutputStream() : progress));
      } catch (PullException e) {
        throw new BuildFailure(e.getMessage());
      }
      local = find(ref.digest() != null ? ref.familiarName() + "@" + ref.digest() : ref.familiarName() + ":" + ref.tag());
      if (local == null) {
        throw new BuildFailure("pull access denied for " + name + ", repository does not exist or may require 'docker login'");
      }
    }
    return StepImages.state(local.image());
  }

  /** A FROM taken from what this service remembers: the tag it read and the image it named then. */
  record Guess(TagName tag, ImageState image) {}

  /**
   * The image {@code name} (a plain name:tag) named when this service last read it, or null: a
   * speculative build's guess, checked with its cache entries in one read (see {@link Builder}).
   */
  Guess remembered(String name) {
    if (ID.matcher(name).matches()) {
      return null;
    }
    ImageReference ref = ImageLookup.parseOrNull(name);
    if (ref == null || ref.digest() != null) {
      return null;
    }
    TagName tag = new TagName(ref.familiarName(), ref.tag());
    ImageState image = steps.rememberedTag(tag);
    return image == null ? null : new Guess(tag, image);
  }

  private ResolvedImage find(String name) throws IOException {
    return io.berth.image.build.Await.await(() -> Panache.withSession(() -> lookup.find(name)));
  }
}
