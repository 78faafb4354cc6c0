package io.berth.node.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Symlinks resolve inside the container's root, never outside it. */
class ScopedPathTest {
  @TempDir Path tmp;

  @Test
  void absoluteAndClimbingLinksStayInsideTheRoot() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Files.createDirectories(root.resolve("usr/bin"));
    Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
    Files.createDirectories(root.resolve("real-etc"));
    Files.createSymbolicLink(root.resolve("etc"), Path.of("/../../../../real-etc")); // climbs: clamped at the root
    Files.createSymbolicLink(root.resolve("abs"), Path.of("/usr"));

    assertEquals(root.resolve("usr/bin/sh"), ScopedPath.resolve(root, "/bin/sh"));
    assertEquals(root.resolve("real-etc/passwd"), ScopedPath.resolve(root, "/etc/passwd"));
    Files.createSymbolicLink(root.resolve("loop"), Path.of("/../loop"));
    assertThrows(IOException.class, () -> ScopedPath.resolve(root, "/loop/x"));
    assertEquals(root.resolve("usr/bin"), ScopedPath.resolve(root, "/abs/bin"));
    assertEquals(root.resolve("x"), ScopedPath.resolve(root, "/../../x"));
    assertTrue(ScopedPath.resolve(root, "/etc/../../../x").startsWith(root));
  }

  @Test
  void theLastComponentIsTakenLiterallyByResolveParent() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Files.createDirectories(root.resolve("usr/bin"));
    Files.createSymbolicLink(root.resolve("bin"), Path.of("/usr/bin"));
    assertEquals(root.resolve("bin"), ScopedPath.resolveParent(root, "/bin"));
    assertEquals(root.resolve("usr/bin"), ScopedPath.resolveParent(root, "/bin/"));
  }

  @Test
  void linkLoopsEnd() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
    Files.createSymbolicLink(root.resolve("b"), Path.of("a"));
    assertThrows(IOException.class, () -> ScopedPath.resolve(root, "/a/x"));
  }

  @Test
  void mkdirsCreatesThroughInScopeLinksAndRefusesFiles() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.createSymbolicLink(root.resolve("esc"), outside); // absolute host path: means root + that path
    Path made = ScopedPath.mkdirs(root, "/esc/new");
    assertTrue(made.startsWith(root));
    assertTrue(Files.isDirectory(made));
    assertEquals(0, Files.list(outside).count());
    Files.writeString(root.resolve("file"), "x");
    assertThrows(ScopedPath.NotADirectoryException.class, () -> ScopedPath.mkdirs(root, "/file/sub"));
  }

  // Used for volume copy-up and exec's program lookup: the same answers the container would get.
  @Test
  void linksResolveInsideTheRootAndNeverEscapeIt() throws Exception {
    Path root = tmp.resolve("copyup-root");
    Files.createDirectories(root.resolve("real/dir"));
    Files.createSymbolicLink(root.resolve("abs"), Path.of("/real"));
    Files.createSymbolicLink(root.resolve("rel"), Path.of("real/dir"));
    Files.createSymbolicLink(root.resolve("out"), Path.of("../../../../etc"));
    assertEquals(root.resolve("real/dir"), ScopedPath.resolve(root, "/abs/dir"));
    assertEquals(root.resolve("real/dir/x"), ScopedPath.resolve(root, "/rel/x"));
    assertEquals(root.resolve("etc"), ScopedPath.resolve(root, "/out"), "../ stops at the container's root");
    assertEquals(root.resolve("etc/passwd"), ScopedPath.resolve(root, "/../../etc/passwd"));
  }
}
