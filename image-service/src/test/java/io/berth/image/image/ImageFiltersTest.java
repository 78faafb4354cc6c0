package io.berth.image.image;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.error.InvalidArgumentException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docker images --filter semantics, on plain summaries. */
class ImageFiltersTest {
  static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

  static ImageSummaryResponse image(List<String> tags, Map<String, String> labels) {
    return new ImageSummaryResponse("sha256:x", "", tags, List.of(), T.getEpochSecond(), 1, -1, 1, labels, -1);
  }

  @Test
  void danglingReferenceAndLabel() {
    ImageSummaryResponse tagged = image(List.of("registry.example:5000/team/app:1.0", "busybox:latest"), Map.of("tier", "web"));
    ImageSummaryResponse dangling = image(List.of(), null);
    ImageFilters d = ImageFilters.parse("{\"dangling\":{\"true\":true}}");
    assertTrue(d.accepts(dangling, T, null, null));
    assertFalse(d.accepts(tagged, T, null, null));
    assertTrue(ImageFilters.parse("{\"dangling\":[\"false\"]}").accepts(tagged, T, null, null));

    assertTrue(ImageFilters.parse("{\"reference\":{\"busybox\":true}}").accepts(tagged, T, null, null));
    assertTrue(ImageFilters.parse("{\"reference\":{\"busy*:lat*\":true}}").accepts(tagged, T, null, null));
    assertTrue(ImageFilters.parse("{\"reference\":{\"registry.example:5000/team/*\":true}}").accepts(tagged, T, null, null));
    assertFalse(ImageFilters.parse("{\"reference\":{\"registry.example:5000/*\":true}}").accepts(tagged, T, null, null));
    assertFalse(ImageFilters.parse("{\"reference\":{\"alpine\":true}}").accepts(tagged, T, null, null));

    assertTrue(ImageFilters.parse("{\"label\":{\"tier\":true}}").accepts(tagged, T, null, null));
    assertTrue(ImageFilters.parse("{\"label\":{\"tier=web\":true}}").accepts(tagged, T, null, null));
    assertFalse(ImageFilters.parse("{\"label\":{\"tier=db\":true}}").accepts(tagged, T, null, null));
    assertFalse(ImageFilters.parse("{\"label\":{\"tier\":true}}").accepts(dangling, T, null, null));
  }

  @Test
  void aReferenceFilterShowsOnlyTheMatchingNames() {
    ImageSummaryResponse two = new ImageSummaryResponse("sha256:x", "", List.of("a/x:1", "b/x:1"),
        List.of("a/x@sha256:m", "b/x@sha256:m"), 0, 1, -1, 1, null, -1);
    ImageSummaryResponse narrowed = ImageFilters.parse("{\"reference\":{\"b/*\":true}}").narrow(two);
    org.junit.jupiter.api.Assertions.assertEquals(List.of("b/x:1"), narrowed.repoTags());
    org.junit.jupiter.api.Assertions.assertEquals(List.of("b/x@sha256:m"), narrowed.repoDigests());
    org.junit.jupiter.api.Assertions.assertEquals(two, ImageFilters.parse("{}").narrow(two));
  }

  @Test
  void beforeAndSinceCompareCreationTimes() {
    ImageSummaryResponse s = image(List.of("a:1"), null);
    assertTrue(ImageFilters.parse("{}").accepts(s, T, T.plusSeconds(1), T.minusSeconds(1)));
    assertFalse(ImageFilters.parse("{}").accepts(s, T, T, null));
    assertFalse(ImageFilters.parse("{}").accepts(s, T, null, T));
  }

  @Test
  void unknownOrMalformedFiltersAre400() {
    assertThrows(InvalidArgumentException.class, () -> ImageFilters.parse("{\"colour\":{\"red\":true}}"));
    assertThrows(InvalidArgumentException.class, () -> ImageFilters.parse("{\"dangling\":{\"maybe\":true}}"));
    assertThrows(InvalidArgumentException.class, () -> ImageFilters.parse("not json"));
  }
}
