package io.berth.image.build.engine;

import static io.berth.image.build.Await.await;

import io.berth.common.outbox.Outbox;
import io.berth.events.CloudEvent;
import io.berth.events.Envelope;
import io.berth.events.build.v1.BuildFinished;
import io.berth.events.image.v1.ImageBuilt;
import io.berth.events.image.v1.ImageTagged;
import io.berth.image.build.cache.BuildCacheRepository;
import io.berth.image.build.cache.BuildCacheRepository.TagName;
import io.berth.oci.ImageReference;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A successful build's end: its tags (moved if they existed, with the ImageTagged facts `docker
 * tag` would publish), then ImageBuilt and BuildFinished. Nothing is tagged before this, so a
 * failed build leaves no tag behind. Written with plain prepared statements (no ORM session), the
 * facts in one batch: every build ends here, a cached rebuild with a dozen facts.
 */
@ApplicationScoped
public class BuildResults {
  private static final String PREVIOUS_TAG = "select image_id from image.tag where repository = $1 and tag = $2";
  private static final String UPSERT_TAG = "insert into image.tag (repository, tag, image_id, tagged_at)"
      + " values ($1, $2, $3, now()) on conflict (repository, tag) do update"
      + " set image_id = excluded.image_id, tagged_at = excluded.tagged_at";
  private static final String IMAGE = "select manifest_digest, size from image.image where id = $1";

  private final Pool pool;
  private final Outbox outbox;
  private final BuildCacheRepository cache;

  public BuildResults(Pool pool, Outbox outbox, BuildCacheRepository cache) {
    this.pool = pool;
    this.outbox = outbox;
    this.cache = cache;
  }

  /** The tags a build sets. */
  static List<TagName> tagNames(BuildRequest req) {
    return req.tags().stream().map(ref -> new TagName(ref.familiarName(), ref.tag())).toList();
  }

  /**
   * The tags, in one transaction with their ImageTagged facts: done before the build's answer
   * ends, so the client can use them at once. A rebuild that made the image its tags already name
   * moves nothing: then only their time and facts remain, and they wait for {@link #finish}
   * (still before ImageBuilt) instead of delaying the answer.
   *
   * @param known the image ids the tags named when the build's cache entries were checked (a tag
   *     absent: none), or null to read them now
   * @return whether the tags were left for {@link #finish}
   */
  boolean tag(BuildRequest req, ImageState image, Map<TagName, String> known) throws IOException {
    if (req.tags().isEmpty()) {
      return false;
    }
    if (known != null ? tagNames(req).stream().allMatch(t -> image.imageId().equals(known.get(t)))
        : alreadyTagged(req, image)) {
      return true;
    }
    await(() -> pool.withTransaction(conn -> tagging(conn, req, image, Instant.now())
        .chain(facts -> outbox.add(conn, facts))));
    return false;
  }

  /** Upserts the tags (in {@code conn}'s transaction); returns their ImageTagged facts. */
  private static Uni<List<CloudEvent<?>>> tagging(SqlConnection conn, BuildRequest req, ImageState image, Instant now) {
    List<CloudEvent<?>> facts = new ArrayList<>();
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (ImageReference ref : req.tags()) {
      String repoTag = ref.familiarName() + ":" + ref.tag();
      chain = chain.chain(() -> conn.preparedQuery(PREVIOUS_TAG).execute(Tuple.of(ref.familiarName(), ref.tag())))
          .chain(rows -> {
            var it = rows.iterator();
            String previous = it.hasNext() ? it.next().getString(0) : null;
            facts.add(Envelope.of(StepImages.SOURCE, new ImageTagged(image.imageId(), repoTag,
                previous == null || previous.equals(image.imageId()) ? null : previous, now)));
            return conn.preparedQuery(UPSERT_TAG).execute(Tuple.of(ref.familiarName(), ref.tag(), image.imageId()));
          }).replaceWithVoid();
    }
    return chain.replaceWith(facts);
  }

  /** Whether every tag of the build already names {@code image} (one read per tag, no transaction). */
  private boolean alreadyTagged(BuildRequest req, ImageState image) {
    for (ImageReference ref : req.tags()) {
      if (!image.imageId().equals(cache.taggedId(ref.familiarName(), ref.tag()).await().indefinitely())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The rest of a successful build's record, in one transaction: what {@code journal} holds, then
   * the tags {@link #tag} left (when {@code tagsLeft}), ImageBuilt and BuildFinished. No state a
   * client waits for: written after the build's answer (see {@link Builder}).
   */
  void finish(BuildRequest req, ImageState image, int steps, int cachedSteps, BuildJournal journal,
      boolean tagsLeft) throws IOException {
    Instant now = Instant.now();
    List<String> names = req.tagNames();
    BuildJournal.Pending pending = journal.take();
    List<CloudEvent<?>> facts = new ArrayList<>(pending.facts());
    await(() -> pool.withTransaction(conn -> cache.touch(conn, pending.usedKeys())
        .chain(() -> tagsLeft ? tagging(conn, req, image, now) : Uni.createFrom().item(List.<CloudEvent<?>>of()))
        .chain(tagged -> {
          facts.addAll(tagged);
          return conn.preparedQuery(IMAGE).execute(Tuple.of(image.imageId()));
        })
        .chain(rows -> {
          var row = rows.iterator().next();
          facts.add(Envelope.of(StepImages.SOURCE, new ImageBuilt(image.imageId(), names,
              row.getString("manifest_digest"), row.getLong("size"), req.buildId(), now)));
          facts.add(Envelope.of(StepImages.SOURCE,
              new BuildFinished(req.buildId(), image.imageId(), names, steps, cachedSteps, now)));
          return outbox.add(conn, facts);
        })));
  }
}
