package io.berth.image.build.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker's COPY directory semantics, as layer entries. */
class CopyPlannerTest {
  @TempDir Path ctx;
  CopyPlanner planner;

  @BeforeEach
  void context() throws Exception {
    Files.createDirectories(ctx.resolve("src/sub"));
    Files.writeString(ctx.resolve("src/a.py"), "a");
    Files.writeString(ctx.resolve("src/sub/b.py"), "b");
    Files.writeString(ctx.resolve("app.py"), "app");
    Files.writeString(ctx.resolve("req.txt"), "req");
    Files.writeString(ctx.resolve("secret.env"), "x");
    planner = new CopyPlanner(ctx, "COPY", p -> p.equals("secret.env"));
  }

  private Map<String, LayerEntry> plan(List<String> sources, String dest, String workdir, CopyPlanner.Options o)
      throws Exception {
    return planner.plan(planner.sources(sources), dest, workdir, o).stream()
        .collect(Collectors.toMap(LayerEntry::path, e -> e, (a, b) -> b));
  }

  @Test
  void aDirectoryCopiesItsContents() throws Exception {
    var entries = plan(List.of("src"), "/app", null, CopyPlanner.Options.NONE);
    assertTrue(entries.containsKey("app/a.py"), entries.keySet().toString());
    assertTrue(entries.containsKey("app/sub/b.py"));
    assertTrue(!entries.containsKey("app/src/a.py"));
  }

  @Test
  void aFileGoesIntoADestinationEndingInSlashElseBecomesIt() throws Exception {
    assertTrue(plan(List.of("app.py"), "/srv/", null, CopyPlanner.Options.NONE).containsKey("srv/app.py"));
    assertTrue(plan(List.of("app.py"), "/srv/main.py", null, CopyPlanner.Options.NONE).containsKey("srv/main.py"));
  }

  @Test
  void aRelativeDestinationIsUnderWorkdir() throws Exception {
    assertTrue(plan(List.of("app.py"), ".", "/work", CopyPlanner.Options.NONE).containsKey("work/app.py"));
    assertTrue(plan(List.of("app.py"), "x.py", "/work", CopyPlanner.Options.NONE).containsKey("work/x.py"));
  }

  @Test
  void severalSourcesNeedADirectoryDestination() throws Exception {
    var e = assertThrows(CopyFailedException.class,
        () -> planner.plan(planner.sources(List.of("app.py", "req.txt")), "/app", null, CopyPlanner.Options.NONE));
    assertTrue(e.getMessage().contains("must be a directory and end with a /"), e.getMessage());
    assertTrue(plan(List.of("app.py", "req.txt"), "/app/", null, CopyPlanner.Options.NONE).containsKey("app/req.txt"));
  }

  @Test
  void globsMatchAndMissingOrIgnoredSourcesFailLikeDocker() throws Exception {
    var entries = plan(List.of("*.py"), "/app/", null, CopyPlanner.Options.NONE);
    assertTrue(entries.containsKey("app/app.py"));
    assertTrue(!entries.containsKey("app/req.txt"));
    var missing = assertThrows(CopyFailedException.class, () -> planner.sources(List.of("nope.txt")));
    assertEquals("COPY failed: file not found in build context or excluded by .dockerignore: stat nope.txt:"
        + " file does not exist", missing.getMessage());
    assertThrows(CopyFailedException.class, () -> planner.sources(List.of("secret.env")));
    assertThrows(CopyFailedException.class, () -> planner.sources(List.of("*.zip")));
  }

  @Test
  void chownAndChmodApplyToWhatIsCopied() throws Exception {
    var entries = plan(List.of("src"), "/app/", null, new CopyPlanner.Options(1000, 1001, 0640));
    LayerEntry a = entries.get("app/a.py");
    assertEquals(1000, a.uid());
    assertEquals(1001, a.gid());
    assertEquals(0640, a.mode());
    assertEquals(1000, entries.get("app").uid());
    assertEquals(0, plan(List.of("app.py"), "/x/y/", null, CopyPlanner.Options.NONE).get("x/y/app.py").uid());
  }

  @Test
  void theChecksumFollowsContentNotTimes() throws Exception {
    String before = LayerChecksum.of(planner.plan(planner.sources(List.of("src")), "/app", null, CopyPlanner.Options.NONE));
    Files.setLastModifiedTime(ctx.resolve("src/a.py"), java.nio.file.attribute.FileTime.fromMillis(0));
    String touched = LayerChecksum.of(planner.plan(planner.sources(List.of("src")), "/app", null, CopyPlanner.Options.NONE));
    Files.writeString(ctx.resolve("src/a.py"), "changed");
    String changed = LayerChecksum.of(planner.plan(planner.sources(List.of("src")), "/app", null, CopyPlanner.Options.NONE));
    assertEquals(before, touched);
    assertNotEquals(before, changed);
  }
}
