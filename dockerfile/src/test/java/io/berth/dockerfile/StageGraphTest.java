package io.berth.dockerfile;

import static io.berth.dockerfile.ParserTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which stages a build target needs. */
class StageGraphTest {
  private static List<Integer> indexes(List<Stage> stages) {
    return stages.stream().map(Stage::index).toList();
  }

  private static final Dockerfile MULTI =
      parse(
          "FROM debian AS base",
          "RUN apt-get update",
          "FROM base AS deps",
          "RUN make deps",
          "FROM golang AS unrelated",
          "RUN true",
          "FROM deps AS build",
          "RUN make",
          "FROM alpine AS test",
          "COPY --from=build /out /out",
          "FROM scratch",
          "COPY --from=build /out/app /app",
          "COPY --from=alpine:3 /etc/passwd /etc/passwd");

  @Test
  void theLastStageIsTheDefaultTarget() {
    assertEquals(List.of(0, 1, 3, 5), indexes(MULTI.stagesFor(null)));
    assertEquals(List.of(0, 1, 3, 5), indexes(MULTI.stagesFor("")));
  }

  @Test
  void aTargetNeedsOnlyItsAncestors() {
    assertEquals(List.of(0, 1), indexes(MULTI.stagesFor("deps")));
    assertEquals(List.of(0), indexes(MULTI.stagesFor("BASE")));
    assertEquals(List.of(2), indexes(MULTI.stagesFor("unrelated")));
    assertEquals(List.of(0, 1, 3, 4), indexes(MULTI.stagesFor("test")));
  }

  @Test
  void anUnknownTargetIsAnError() {
    DockerfileException e = assertThrows(DockerfileException.class, () -> MULTI.stagesFor("nope"));
    assertEquals("failed to reach build target nope in Dockerfile", e.getMessage());
  }

  @Test
  void copyFromAnIndexRefersToAnEarlierStage() {
    Dockerfile d = parse("FROM a", "FROM b", "FROM c", "COPY --from=0 /x /x");
    assertEquals(List.of(0, 2), indexes(d.stagesFor(null)));
  }

  @Test
  void referencesToLaterOrOwnStagesAreImages() {
    Dockerfile d = parse("FROM later AS first", "FROM first AS later", "COPY --from=2 /x /x", "FROM c");
    assertEquals(List.of(0, 1), indexes(d.stagesFor("later")));
    assertEquals(List.of(0), indexes(d.stagesFor("first")));
  }

  @Test
  void globalArgsChooseTheBaseStage() {
    Dockerfile d =
        parse(
            "ARG VARIANT=slim",
            "ARG BASE=${VARIANT}-base",
            "FROM debian AS slim-base",
            "FROM debian AS full-base",
            "FROM ${BASE} AS final",
            "COPY --from=${VARIANT}-base /a /a");
    assertEquals(List.of(0, 2), indexes(d.stagesFor(null)));
    assertEquals(List.of(1, 2), indexes(d.stagesFor(null, Map.of("VARIANT", "full"))));
    assertEquals(List.of(1, 2), indexes(d.stagesFor("final", Map.of("BASE", "full-base", "VARIANT", "full"))));
  }

  @Test
  void globalArgValuesApplyBuildArgsAndDefaults() {
    Dockerfile d = parse("ARG A=1", "ARG B=${A}2", "ARG C", "ARG D", "FROM x");
    assertEquals(Map.of("A", "1", "B", "12"), d.globalArgValues(Map.of()));
    assertEquals(Map.of("A", "9", "B", "92", "C", "c"), d.globalArgValues(Map.of("A", "9", "C", "c")));
    assertEquals(Map.of("A", "1", "B", "x"), d.globalArgValues(Map.of("B", "x", "UNDECLARED", "u")));
  }
}
