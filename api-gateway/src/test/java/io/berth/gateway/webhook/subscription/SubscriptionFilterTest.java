package io.berth.gateway.webhook.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionFilterTest {

  @Test
  void typePatternsAreGlobs() {
    SubscriptionFilter f = new SubscriptionFilter(List.of("io.berth.container.*", "io.berth.*.exited.v1"), Map.of());
    assertTrue(f.matchesType("io.berth.container.created.v1"));
    assertTrue(f.matchesType("io.berth.task.exited.v1"));
    assertFalse(f.matchesType("io.berth.task.started.v1"));
    assertFalse(f.matchesType("io.berth.containers"));
    assertTrue(new SubscriptionFilter(List.of(), Map.of()).matchesType("anything"));
    assertTrue(SubscriptionFilter.glob("a*b*c", "abc"));
    assertFalse(SubscriptionFilter.glob("a*bc*c", "abc"));
    assertThrows(IllegalArgumentException.class, () -> new SubscriptionFilter(List.of("a b"), Map.of()));
  }

  @Test
  void everyLabelMustHoldAndAnEmptyValueOnlyNeedsTheKey() {
    SubscriptionFilter f = new SubscriptionFilter(List.of(), Map.of("app", "web", "tier", ""));
    assertTrue(f.matchesLabels(Map.of("app", "web", "tier", "front")));
    assertFalse(f.matchesLabels(Map.of("app", "web")));
    assertFalse(f.matchesLabels(Map.of("app", "db", "tier", "x")));
    assertFalse(f.matchesLabels(null));
    assertTrue(new SubscriptionFilter(List.of(), Map.of()).matchesLabels(null));
  }

  @Test
  void roundTripsThroughItsStoredJson() {
    SubscriptionFilter f = new SubscriptionFilter(List.of("io.berth.*"), Map.of("a", "b"));
    assertEquals(f, SubscriptionFilter.fromJson(f.typesJson(), f.labelsJson()));
  }
}
