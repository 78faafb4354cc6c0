package io.berth.image.build.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.image.build.context.BuildContext;
import io.berth.image.build.layer.CopyFailedException;
import io.berth.image.build.layer.CopyPlanner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A COPY planned from the context's in-memory index has the checksum and label the same COPY
 * planned from the extracted files has, and reading the context extracts nothing until asked.
 */
class TreeCopyPlanTest {
  @TempDir Path work;
  final CopySteps copies = new CopySteps(null);
  final Predicate<String> ignored = p -> p.equals("secret.env") || p.startsWith("data/skip");

  /** A context as the docker CLI sends it: directories before their contents, modes of its own. */
  static byte[] context(String appContent) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      dir(out, "data/", 0755);
      file(out, "data/a.txt", "a", 0644);
      file(out, "data/b.txt", "b", 0600);
      file(out, "data/skip.txt", "s", 0644);
      dir(out, "data/sub/", 0700);
      file(out, "data/sub/c.txt", "c", 0644);
      file(out, "data-notes.md", "n", 0644);
      dir(out, "tools/", 0755);
      file(out, "tools/run-as-owner", "r", 04755);
      dir(out, "tools/shared/", 02775);
      file(out, "tools/shared/notes", "n", 0664);
      file(out, "app.sh", appContent, 0755);
      file(out, "secret.env", "x", 0644);
      file(out, "Dockerfile", "FROM scratch\n", 0644);
    }
    return bytes.toByteArray();
  }

  static void dir(TarArchiveOutputStream out, String name, int mode) throws Exception {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(040000 | mode);
    out.putArchiveEntry(e);
    out.closeArchiveEntry();
  }

  static void file(TarArchiveOutputStream out, String name, String content, int mode) throws Exception {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(0100000 | mode);
    e.setSize(data.length);
    out.putArchiveEntry(e);
    out.write(data);
    out.closeArchiveEntry();
  }

  BuildContext receive(byte[] tar, String name) throws Exception {
    return BuildContext.receive(new ByteArrayInputStream(tar), work.resolve(name), 1 << 20, Set.of("Dockerfile"));
  }

  void sameAsFromFiles(BuildContext ctx, List<String> sources, String dest, String workdir, CopyPlanner.Options o)
      throws Exception {
    CopySteps.Plan tree = copies.planFromTree(ctx, ignored, sources, dest, workdir, o);
    assertNotNull(tree, sources.toString());
    CopySteps.Plan files = copies.plan(false, ctx.extracted(), ctx.digests(), ignored, sources, dest, workdir, o,
        work);
    assertEquals(files.checksum(), tree.checksum(), sources + " -> " + dest);
    assertEquals(files.hashLabel(), tree.hashLabel(), sources + " -> " + dest);
    assertEquals(files.entries().stream().map(e -> e.path() + " " + e.kind() + " " + e.mode() + " " + e.source()).toList(),
        tree.entries().stream().map(e -> e.path() + " " + e.kind() + " " + e.mode() + " " + e.source()).toList());
  }

  @Test
  void treePlansMatchPlansFromTheExtractedFiles() throws Exception {
    BuildContext ctx = receive(context("v1"), "ctx");
    assertNotNull(ctx.tree());
    CopyPlanner.Options none = CopyPlanner.Options.NONE;
    sameAsFromFiles(ctx, List.of("."), "/app/", null, none);
    sameAsFromFiles(ctx, List.of("data/"), "/app/data/", null, none);
    sameAsFromFiles(ctx, List.of("data"), "out", "/work", none);
    sameAsFromFiles(ctx, List.of("app.sh"), "/app/app.sh", null, none);
    sameAsFromFiles(ctx, List.of("app.sh"), ".", "/srv", new CopyPlanner.Options(1000, 1001, 0700));
    sameAsFromFiles(ctx, List.of("data/*.txt"), "/x/", null, none);
    sameAsFromFiles(ctx, List.of("data*"), "/x/", null, none);
    sameAsFromFiles(ctx, List.of("app.sh", "data/sub"), "/multi/", null, new CopyPlanner.Options(5, 6, null));
    sameAsFromFiles(ctx, List.of("./data/../app.sh"), "/a", null, none);
  }

  /** dockerd keeps a context file's setuid, setgid and sticky bits in what COPY writes. */
  @Test
  void setuidAndSetgidBitsAreKeptByBothPlanners() throws Exception {
    BuildContext ctx = receive(context("v1"), "suid");
    sameAsFromFiles(ctx, List.of("tools"), "/opt/tools/", null, CopyPlanner.Options.NONE);
    CopySteps.Plan tree = copies.planFromTree(ctx, ignored, List.of("tools"), "/opt/tools/", null,
        CopyPlanner.Options.NONE);
    java.util.Map<String, Integer> modes = new java.util.HashMap<>();
    tree.entries().forEach(e -> modes.put(e.path(), e.mode()));
    assertEquals(04755, modes.get("opt/tools/run-as-owner"), modes.toString());
    assertEquals(02775, modes.get("opt/tools/shared"), modes.toString());
  }

  @Test
  void aChangedFileChangesTheChecksum() throws Exception {
    String one = copies.planFromTree(receive(context("v1"), "one"), ignored, List.of("."), "/app/", null,
        CopyPlanner.Options.NONE).checksum();
    String two = copies.planFromTree(receive(context("v2"), "two"), ignored, List.of("."), "/app/", null,
        CopyPlanner.Options.NONE).checksum();
    assertNotEquals(one, two);
  }

  @Test
  void nothingIsExtractedUntilAsked() throws Exception {
    BuildContext ctx = receive(context("v1"), "lazy");
    assertArrayEquals("FROM scratch\n".getBytes(StandardCharsets.UTF_8), ctx.regularFile("Dockerfile", true));
    assertNull(ctx.regularFile("data", true));
    assertNull(ctx.regularFile("missing", true));
    copies.planFromTree(ctx, ignored, List.of("."), "/app/", null, CopyPlanner.Options.NONE);
    assertFalse(Files.exists(work.resolve("lazy")));
    assertEquals("a", Files.readString(ctx.extracted().resolve("data/a.txt")));
    // a file not kept in memory is read from the extracted context
    assertArrayEquals("v1".getBytes(StandardCharsets.UTF_8), ctx.regularFile("app.sh", true));
  }

  @Test
  void missingOrIgnoredSourcesAreLeftToTheFilePlannerAndItsError() throws Exception {
    BuildContext ctx = receive(context("v1"), "missing");
    assertNull(copies.planFromTree(ctx, ignored, List.of("nope"), "/app/", null, CopyPlanner.Options.NONE));
    assertNull(copies.planFromTree(ctx, ignored, List.of("secret.env"), "/app/", null, CopyPlanner.Options.NONE));
    assertNull(copies.planFromTree(ctx, ignored, List.of("*.none"), "/app/", null, CopyPlanner.Options.NONE));
    assertThrows(CopyFailedException.class,
        () -> copies.planFromTree(ctx, ignored, List.of("app.sh", "data"), "/app", null, CopyPlanner.Options.NONE));
  }

  @Test
  void contextsWithLinksOrOverTheMemoryLimitAreExtractedAtOnce() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      file(out, "Dockerfile", "FROM scratch\n", 0644);
      TarArchiveEntry link = new TarArchiveEntry("link", TarArchiveEntry.LF_SYMLINK);
      link.setLinkName("Dockerfile");
      out.putArchiveEntry(link);
      out.closeArchiveEntry();
    }
    BuildContext linked = receive(bytes.toByteArray(), "linked");
    assertNull(linked.tree());
    assertTrue(Files.isSymbolicLink(work.resolve("linked/link")));
    assertArrayEquals("FROM scratch\n".getBytes(StandardCharsets.UTF_8), linked.regularFile("link", true));

    BuildContext big = BuildContext.receive(new ByteArrayInputStream(context("v1")), work.resolve("big"), 100,
        Set.of("Dockerfile"));
    assertNull(big.tree());
    assertEquals("v1", Files.readString(work.resolve("big/app.sh")));
  }
}
