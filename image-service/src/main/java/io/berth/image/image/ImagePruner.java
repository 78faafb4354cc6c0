package io.berth.image.image;

import io.berth.common.error.InvalidArgumentException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * {@code docker image prune}: removes dangling (untagged) images, or with {@code -a}
 * ({@code dangling=false}) every image, that no container uses; filters {@code until} (a
 * timestamp or a duration like {@code 24h}) and {@code label} narrow it. Each removal goes
 * through {@link ImageService#delete}, so facts, conflicts and blob clean-up are those of rmi.
 */
@ApplicationScoped
public class ImagePruner {
  private static final Logger LOG = Logger.getLogger(ImagePruner.class);
  private static final Set<String> KNOWN = Set.of("dangling", "until", "label");
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|m|s|ms)");

  private final ImageRepository images;
  private final TagRepository tags;
  private final ImageService service;

  public ImagePruner(ImageRepository images, TagRepository tags, ImageService service) {
    this.images = images;
    this.tags = tags;
    this.service = service;
  }

  public Uni<PruneResponse> prune(String filtersJson) {
    ImageFilters filters = ImageFilters.parse(filtersJson, KNOWN);
    List<String> dangling = filters.images("dangling");
    boolean danglingOnly = dangling.isEmpty() || dangling.get(0).equalsIgnoreCase("true") || dangling.get(0).equals("1");
    Instant until = filters.images("until").isEmpty() ? null : until(filters.images("until").get(0));
    ImageFilters labels = ImageFilters.parse(null);
    labels.values.put("label", filters.images("label"));
    return Panache.withSession(() -> images.listAll().chain(all -> tags.listAll().chain(allTags -> images.cachedByBuilds()
        .map(cached -> {
      Map<String, List<TagEntity>> byImage = allTags.stream().collect(Collectors.groupingBy(t -> t.imageId));
      // Dangling means untagged, no image's parent and not in the build cache: a build's step
      // images are its cache until `docker builder prune` (or prune -a) drops them.
      Set<String> parents = ImageService.parents(all);
      return all.stream()
          .filter(i -> !danglingOnly
              || (!byImage.containsKey(i.id) && !parents.contains(i.id) && !cached.contains(i.id)))
          .filter(i -> until == null || i.created.isBefore(until))
          .filter(i -> filters.images("label").isEmpty()
              || labels.accepts(ImageViews.summary(i, byImage.getOrDefault(i.id, List.of())), i.created, null, null))
          .toList();
    })))).chain(this::removeUnused);
  }

  /** Removes the candidates one by one, skipping those in use (now or by the time their turn comes). */
  private Uni<PruneResponse> removeUnused(List<ImageEntity> candidates) {
    List<DeleteResponseItem> deleted = new ArrayList<>();
    long[] reclaimed = {0};
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (ImageEntity image : candidates) {
      chain = chain.chain(() -> Panache.withSession(() -> service.users(image)))
          .chain(users -> !users.isEmpty() ? Uni.createFrom().voidItem()
              : service.delete(image.id, true).invoke(items -> {
                deleted.addAll(items);
                if (items.stream().anyMatch(it -> it.deleted() != null)) {
                  reclaimed[0] += image.size;
                }
              }).onFailure().invoke(e -> LOG.debugf(e, "prune skipped %s", image.id))
              .onFailure().recoverWithNull().replaceWithVoid());
    }
    return chain.map(v -> new PruneResponse(deleted.isEmpty() ? null : deleted, reclaimed[0]));
  }

  /** Docker's {@code until}: a Unix timestamp, an RFC 3339 time, or a duration before now. */
  static Instant until(String value) {
    Matcher d = DURATION.matcher(value);
    if (d.matches()) {
      double n = Double.parseDouble(d.group(1));
      long millis = (long) (n * switch (d.group(2)) {
        case "h" -> 3_600_000;
        case "m" -> 60_000;
        case "s" -> 1_000;
        default -> 1;
      });
      return Instant.now().minus(Duration.ofMillis(millis));
    }
    try {
      if (value.matches("\\d+(\\.\\d+)?")) {
        return Instant.ofEpochMilli((long) (Double.parseDouble(value) * 1000));
      }
      return OffsetDateTime.parse(value).toInstant();
    } catch (RuntimeException e) {
      throw new InvalidArgumentException("invalid filter 'until=" + value + "'");
    }
  }
}
