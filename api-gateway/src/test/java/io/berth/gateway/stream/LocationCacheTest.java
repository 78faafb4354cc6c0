package io.berth.gateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which answers of container-service the gateway reuses, and when it asks again. */
class LocationCacheTest {

  static final String ID = "ab".repeat(32);
  static final String OTHER = "cd".repeat(32);

  /** container-service as the cache sees it: each question pending until answered. */
  static final class Questions extends ContainerLocator {
    final List<String> asked = new ArrayList<>();
    final List<Promise<Answer>> pending = new ArrayList<>();

    @Override
    public Future<Answer> locate(String ref) {
      asked.add(ref);
      Promise<Answer> p = Promise.promise();
      pending.add(p);
      return p.future();
    }

    void answer(String id, String name, String state) {
      pending.remove(0).complete(new Answer(200, Buffer.buffer(), new Location(id, name, "n1",
          "http://node", state, null, null, null)));
    }

    void notFound() {
      pending.remove(0).complete(new Answer(404, Buffer.buffer("{\"message\":\"No such container\"}"), null));
    }
  }

  final Questions service = new Questions();
  final LocationCache cache = new LocationCache(service, Duration.ofSeconds(30));

  @Test
  void aCreatedContainersLocationByFullIdIsAskedForOnce() {
    cache.prefetch(ID);
    Future<ContainerLocator.Answer> attach = cache.locate(ID);
    service.answer(ID, "web", "created");
    Future<ContainerLocator.Answer> await = cache.locate(ID);
    assertEquals(List.of(ID), service.asked);
    assertTrue(attach.result().found());
    assertSame(attach.result(), await.result());
  }

  @Test
  void namesPrefixesRunningContainersAndNotFoundAreAlwaysAskedFor() {
    cache.locate("web");
    service.answer(ID, "web", "created");
    cache.locate("web");
    service.answer(ID, "web", "created");
    cache.locate(ID.substring(0, 12));
    service.answer(ID, "web", "created");
    cache.locate(OTHER);
    service.answer(OTHER, "db", "running");
    cache.locate(OTHER);
    service.notFound();
    cache.locate(OTHER);
    assertEquals(List.of("web", "web", ID.substring(0, 12), OTHER, OTHER, OTHER), service.asked);
  }

  @Test
  void aFailedLookupIsNotKept() {
    cache.locate(ID);
    service.pending.remove(0).fail("container-service unreachable");
    cache.locate(ID);
    assertEquals(2, service.asked.size());
  }

  @Test
  void aCallThatMayChangeTheContainerMakesTheGatewayAskAgain() {
    cache.locate(ID);
    service.answer(ID, "web", "created");
    for (String ref : new String[] {ID, ID.substring(0, 5), "web", "/web"}) {
      int before = service.asked.size();
      cache.locate(ID);
      assertEquals(before, service.asked.size(), "reused before " + ref);
      cache.forget(ref);
      cache.locate(ID);
      assertEquals(before + 1, service.asked.size(), "asked again after " + ref);
      service.answer(ID, "web", "created");
    }
    cache.forgetAll();
    cache.locate(ID);
    assertEquals(List.of(ID, ID, ID, ID, ID, ID), service.asked);
  }

  @Test
  void anotherContainersChangeKeepsThisOne() {
    cache.locate(ID);
    service.answer(ID, "web", "created");
    cache.forget("db");
    cache.forget(OTHER);
    cache.locate(ID);
    assertEquals(1, service.asked.size());
  }

  @Test
  void anAnswerInFlightDuringAChangeIsNotKept() {
    Future<ContainerLocator.Answer> early = cache.locate(ID);
    cache.forget("web"); // the name of the container being looked up, unknown to the cache yet
    service.answer(ID, "web", "created");
    assertTrue(early.result().found()); // asked before the change: as without a cache
    cache.locate(ID);
    assertEquals(2, service.asked.size());
  }

  @Test
  void anAnswerIsReusedOnlyForItsTimeToLive() throws Exception {
    LocationCache brief = new LocationCache(service, Duration.ofMillis(50));
    brief.locate(ID);
    service.answer(ID, "web", "created");
    brief.locate(ID);
    assertEquals(1, service.asked.size());
    Thread.sleep(80);
    brief.locate(ID);
    assertEquals(2, service.asked.size());
  }

  @Test
  void aZeroTimeToLiveTurnsItOff() {
    LocationCache off = new LocationCache(service, Duration.ZERO);
    off.prefetch(ID);
    assertTrue(service.asked.isEmpty());
    off.locate(ID);
    service.answer(ID, "web", "created");
    off.locate(ID);
    assertEquals(2, service.asked.size());
    assertFalse(LocationCache.reusable(OTHER, new ContainerLocator.Answer(200, Buffer.buffer(),
        new ContainerLocator.Location(ID, "web", "n1", "http://node", "created", null, null, null))));
  }
}
