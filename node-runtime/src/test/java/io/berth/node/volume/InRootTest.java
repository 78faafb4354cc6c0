package io.berth.node.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InRootTest {
  @TempDir Path root;

  @Test
  void linksResolveInsideTheRootAndNeverEscapeIt() throws Exception {
    Files.createDirectories(root.resolve("real/dir"));
    Files.createSymbolicLink(root.resolve("abs"), Path.of("/real"));
    Files.createSymbolicLink(root.resolve("rel"), Path.of("real/dir"));
    Files.createSymbolicLink(root.resolve("out"), Path.of("../../../../etc"));
    assertEquals(root.resolve("real/dir"), InRoot.resolve(root, "/abs/dir"));
    assertEquals(root.resolve("real/dir/x"), InRoot.resolve(root, "/rel/x"));
    assertEquals(root.resolve("etc"), InRoot.resolve(root, "/out"), "../ stops at the container's root");
    assertEquals(root.resolve("etc/passwd"), InRoot.resolve(root, "/../../etc/passwd"));
  }
}
