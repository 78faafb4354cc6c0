package io.berth.image.build.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.image.TestTars;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import io.berth.image.build.layer.CopyPlanner;
import io.berth.image.build.layer.LayerChecksum;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build context cannot write or read outside its directory, whatever its tar holds. */
class ContextExtractorTest {
  @TempDir Path tmp;

  @Test
  void entriesThatClimbOutAreRefusedAndNothingLandsOutside() throws Exception {
    Path ctx = Files.createDirectory(tmp.resolve("ctx"));
    byte[] tar = TestTars.tar("ok.txt", "fine", "../escaped.txt", "gotcha");
    var e = assertThrows(InvalidContextException.class, () -> ContextExtractor.extract(new ByteArrayInputStream(tar), ctx));
    assertTrue(e.getMessage().contains("outside of the context"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("escaped.txt")));
  }

  @Test
  void absoluteNamesStayInsideTheContext() throws Exception {
    Path ctx = Files.createDirectory(tmp.resolve("ctx"));
    ContextExtractor.extract(new ByteArrayInputStream(TestTars.tar("/abs/file.txt", "in")), ctx);
    assertEquals("in", Files.readString(ctx.resolve("abs/file.txt")));
  }

  @Test
  void symlinksAreKeptAndNeverWrittenThrough() throws Exception {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Path ctx = Files.createDirectory(tmp.resolve("ctx"));
    byte[] tar = TestTars.tar("etc", "->" + outside, "abs", "->/etc/passwd", "etc/passwd", "owned");
    assertThrows(InvalidContextException.class, () -> ContextExtractor.extract(new ByteArrayInputStream(tar), ctx));
    assertFalse(Files.exists(outside.resolve("passwd")), "written through a symlink");
    assertTrue(Files.isSymbolicLink(ctx.resolve("abs")));
    assertEquals("/etc/passwd", Files.readSymbolicLink(ctx.resolve("abs")).toString());
  }

  @Test
  void anAbsoluteSymlinkResolvesInsideTheContext() throws Exception {
    Path ctx = Files.createDirectory(tmp.resolve("ctx"));
    byte[] tar = TestTars.tar("etc/passwd", "context's own", "link", "->/etc/passwd", "up", "->../../../etc/passwd");
    ContextExtractor.extract(new ByteArrayInputStream(tar), ctx);
    assertEquals(ctx.resolve("etc/passwd"), ContextPaths.resolve(ctx, "link", true));
    assertEquals(ctx.resolve("etc/passwd"), ContextPaths.resolve(ctx, "up", true));
    assertEquals(ctx.resolve("link"), ContextPaths.resolve(ctx, "link", false));
  }

  @Test
  void laterEntriesReplaceEarlierOnesAndDirectoriesMayComeAfterTheirFiles() throws Exception {
    Path ctx = Files.createDirectory(tmp.resolve("ctx"));
    byte[] tar = TestTars.tar("d/e/f.txt", "first", "d/", "", "d/e/", "", "d/e/f.txt", "second", "top", "1", "top", "2");
    ContextExtractor.extract(new ByteArrayInputStream(tar), ctx);
    assertEquals("second", Files.readString(ctx.resolve("d/e/f.txt")));
    assertEquals("2", Files.readString(ctx.resolve("top")));
  }

  @Test
  void aDirectoryIsNeverTurnedIntoASymlinkNorAFile() throws Exception {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Path ctx = Files.createDirectory(tmp.resolve("ctx"));
    byte[] tar = TestTars.tar("d/a.txt", "a", "d", "->" + outside, "d/b.txt", "b");
    assertThrows(InvalidContextException.class, () -> ContextExtractor.extract(new ByteArrayInputStream(tar), ctx));
    assertFalse(Files.exists(outside.resolve("b.txt")), "written through a symlink");
    byte[] file = TestTars.tar("x/a.txt", "a", "x", "now a file");
    assertThrows(InvalidContextException.class,
        () -> ContextExtractor.extract(new ByteArrayInputStream(file), Files.createDirectory(tmp.resolve("ctx2"))));
  }

  @Test
  void aSymlinkReplacedByADirectoryIsWrittenInsideTheContext() throws Exception {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Path ctx = Files.createDirectory(tmp.resolve("ctx"));
    byte[] tar = TestTars.tar("s", "->" + outside, "s/", "", "s/f.txt", "inside");
    ContextExtractor.extract(new ByteArrayInputStream(tar), ctx);
    assertFalse(Files.isSymbolicLink(ctx.resolve("s")));
    assertEquals("inside", Files.readString(ctx.resolve("s/f.txt")));
    assertFalse(Files.exists(outside.resolve("f.txt")));
  }

  @Test
  void digestsTakenWhileExtractingGiveTheChecksumReadingTheFilesGives() throws Exception {
    Path ctx = Files.createDirectory(tmp.resolve("ctx"));
    byte[] tar = TestTars.tar("src/a.txt", "old a", "src/b.txt", "b", "src/a.txt", "new a", "src/l", "->a.txt");
    ContentDigests digests = ContextExtractor.extract(new ByteArrayInputStream(tar), ctx);
    CopyPlanner planner = new CopyPlanner(ctx, "COPY", null);
    var entries = planner.plan(planner.sources(List.of("src")), "/app/", null, CopyPlanner.Options.NONE);
    assertEquals(LayerChecksum.of(entries), LayerChecksum.of(entries, digests));
    assertTrue(digests.get(ctx.resolve("src/a.txt")) != null, "hashed while extracted");
    Files.writeString(ctx.resolve("src/b.txt"), "changed behind its back");
    assertFalse(LayerChecksum.of(entries).equals(LayerChecksum.of(entries, digests)), "the known digest was used");
  }

  @Test
  void gzipContextsAreDetected() throws Exception {
    Path ctx = Files.createDirectory(tmp.resolve("ctx"));
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(TestTars.tar("Dockerfile", "FROM scratch\n"));
    }
    ContextExtractor.extract(new ByteArrayInputStream(gz.toByteArray()), ctx);
    assertEquals("FROM scratch\n", Files.readString(ctx.resolve("Dockerfile")));
  }

  @Test
  void notATarIsAnInvalidContext() {
    Path ctx = tmp;
    byte[] junk = "this is not a tar archive at all, just some text that is long enough".repeat(20).getBytes();
    assertThrows(InvalidContextException.class, () -> ContextExtractor.extract(new ByteArrayInputStream(junk), ctx));
  }
}
