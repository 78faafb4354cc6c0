package io.berth.gateway.stream;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where containers this gateway just learned about are, for a few seconds: {@code docker run}
 * creates a container, then attaches and waits for it before it starts it, and each of those
 * would otherwise ask container-service the same question in turn.
 *
 * <p>An answer is reused only when it can still be the one container-service would give:
 * <ul>
 *   <li>it is keyed by a full container id (a name can be given to another container, a prefix can
 *       become ambiguous), and was answered for that very id;
 *   <li>the container was still {@code created}: such a container changes its node, name or
 *       existence only through an API call (start, rename, rm, prune), never by itself (a restart
 *       policy or --rm needs it to have run);
 *   <li>no such call went through this gateway since the question was asked ({@link #forget}),
 *       and it is younger than the time to live.
 * </ul>
 * What this gateway cannot see is such a call through another gateway replica within that time
 * to live; then a stale answer can send an attach to the container's former node or a wait to
 * container-service (which answers its own 404 in the stream), as a lookup racing that call
 * would have done anyway.
 */
@ApplicationScoped
public class LocationCache {

  private static final Pattern FULL_ID = Pattern.compile("^[0-9a-f]{64}$");
  /** Expired entries are swept when this many are held (they only live seconds). */
  private static final int SWEEP_ABOVE = 256;

  private record Entry(Future<ContainerLocator.Answer> answer, long expires, long generation) {}

  private final ContainerLocator locator;
  private final long ttlNanos;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  /** Moves on with every {@link #forget}: answers asked for before are not kept. */
  private final AtomicLong generation = new AtomicLong();

  public LocationCache(ContainerLocator locator,
      @ConfigProperty(name = "berth.gateway.location-cache.ttl", defaultValue = "PT2S") Duration ttl) {
    this.locator = locator;
    this.ttlNanos = ttl.toNanos();
  }

  /** The container {@code ref} names: a recent answer (see above) or container-service's. */
  public Future<ContainerLocator.Answer> locate(String ref) {
    if (ttlNanos <= 0 || !FULL_ID.matcher(ref).matches()) {
      return locator.locate(ref);
    }
    long now = System.nanoTime();
    Entry e = entries.get(ref);
    if (e != null && e.expires() - now > 0) {
      return e.answer();
    }
    return learn(ref, now);
  }

  /** Asks where a container this gateway has just created is, before anyone needs to know. */
  public void prefetch(String id) {
    if (ttlNanos > 0 && id != null && FULL_ID.matcher(id).matches()) {
      learn(id, System.nanoTime());
    }
  }

  /**
   * Keeps where a container this gateway has just created is, as its create's answer said
   * ({@code location}: the JSON container-service answers a lookup with); false when that answer
   * is not one to keep (then nothing is kept).
   */
  public boolean learned(String id, String location) {
    if (ttlNanos <= 0 || id == null || !FULL_ID.matcher(id).matches()) {
      return false;
    }
    ContainerLocator.Answer answer;
    try {
      answer = ContainerLocator.answer(200, Buffer.buffer(location));
    } catch (RuntimeException unreadable) {
      return false;
    }
    if (!reusable(id, answer)) {
      return false;
    }
    entries.put(id, new Entry(Future.succeededFuture(answer), System.nanoTime() + ttlNanos, generation.get()));
    return true;
  }

  /**
   * A call that may move, rename or remove the container {@code ref} names (full id, prefix or
   * name) is on its way: its answers are not reused, nor any answer still in flight.
   */
  public void forget(String ref) {
    generation.incrementAndGet();
    String name = ref.startsWith("/") ? ref.substring(1) : ref;
    entries.entrySet().removeIf(en -> en.getKey().startsWith(ref) || named(en.getValue(), name));
  }

  /** As {@link #forget} for every container (a prune). */
  public void forgetAll() {
    generation.incrementAndGet();
    entries.clear();
  }

  private Future<ContainerLocator.Answer> learn(String id, long now) {
    if (entries.size() > SWEEP_ABOVE) {
      entries.values().removeIf(e -> e.expires() - now <= 0);
    }
    long asked = generation.get();
    Future<ContainerLocator.Answer> answer = locator.locate(id);
    Entry entry = new Entry(answer, now + ttlNanos, asked);
    entries.put(id, entry);
    answer.onComplete(done -> {
      if (done.failed() || !reusable(id, done.result()) || generation.get() != asked) {
        entries.remove(id, entry);
      }
    });
    return answer;
  }

  static boolean reusable(String id, ContainerLocator.Answer answer) {
    return answer.found() && id.equals(answer.location().id()) && "created".equals(answer.location().state());
  }

  // An answer still in flight may be the named container's: not kept either.
  private static boolean named(Entry e, String name) {
    if (!e.answer().isComplete()) {
      return true;
    }
    ContainerLocator.Answer a = e.answer().result();
    String n = a == null || a.location() == null ? null : a.location().name();
    return n != null && (n.equals(name) || n.equals("/" + name));
  }
}
