package io.berth.node.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.node.linux.LibC;
import io.berth.node.linux.Syscalls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker diff from an overlay writable layer laid out by hand (whiteouts need mknod: root). */
@Tag("privileged")
class RootfsChangesTest {
  @TempDir Path tmp;

  @Test
  void addedChangedDeletedAndOpaque() throws Exception {
    Path lower = Files.createDirectories(tmp.resolve("lower"));
    Files.createDirectories(lower.resolve("etc"));
    Files.writeString(lower.resolve("etc/passwd"), "root");
    Files.writeString(lower.resolve("etc/gone"), "x");
    Files.createDirectories(lower.resolve("var/cache"));
    Files.writeString(lower.resolve("var/cache/a"), "a");
    Files.writeString(lower.resolve("var/cache/b"), "b");

    Path upper = Files.createDirectories(tmp.resolve("upper"));
    Files.createDirectories(upper.resolve("etc"));
    Files.writeString(upper.resolve("etc/passwd"), "root2");
    Syscalls.mknod(upper.resolve("etc/gone"), LibC.S_IFCHR, 0, 0);
    Files.createDirectories(upper.resolve("tmp/new"));
    Files.writeString(upper.resolve("tmp/new/f"), "f");
    Files.createDirectories(upper.resolve("var/cache"));
    Syscalls.lsetxattr(upper.resolve("var/cache"), RootfsChanges.OPAQUE_XATTR, "y".getBytes(StandardCharsets.US_ASCII));
    Files.writeString(upper.resolve("var/cache/b"), "b2");

    List<String> lines = RootfsChanges.between(upper, List.of(lower)).stream()
        .map(c -> c.kind().name().charAt(0) + " " + c.path()).toList();
    assertEquals(List.of(
        "M /etc", "D /etc/gone", "M /etc/passwd",
        "A /tmp", "A /tmp/new", "A /tmp/new/f",
        "M /var", "M /var/cache", "D /var/cache/a", "M /var/cache/b"), lines);
  }
}
