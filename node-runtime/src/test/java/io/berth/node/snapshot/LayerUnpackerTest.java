package io.berth.node.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.node.linux.Syscalls;
import io.berth.node.testing.BusyboxRootfs;
import io.berth.oci.layer.TestTars;
import io.berth.oci.layer.LayerPathException;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction needs root (chown, mknod, trusted.* xattrs). */
@Tag("privileged")
class LayerUnpackerTest {
  @TempDir Path tmp;
  private final LayerUnpacker unpacker = new LayerUnpacker();

  @Test
  void extractsFilesLinksOwnersModesAndTimes() throws Exception {
    byte[] tar =
        new TestTars()
            .dir("bin")
            .file("bin/tool", "#!/bin/sh\n", 04755, 1000, 50)
            .symlink("bin/sh", "/bin/tool")
            .hardlink("bin/tool2", "bin/tool")
            .file("deep/er/file", "x") // parents not listed: created 0755
            .fifo("run/fifo")
            .bytes();
    Path root = Files.createDirectory(tmp.resolve("root"));
    LayerUnpacker.Unpacked result = unpacker.unpack(new ByteArrayInputStream(tar), root);

    assertEquals(BusyboxRootfs.diffId(tar), result.diffId());
    Path tool = root.resolve("bin/tool");
    assertEquals("#!/bin/sh\n", Files.readString(tool));
    assertEquals(04755, (int) Files.getAttribute(tool, "unix:mode") & 07777);
    assertEquals(1000, Files.getAttribute(tool, "unix:uid"));
    assertEquals(50, Files.getAttribute(tool, "unix:gid"));
    assertEquals(FileTime.fromMillis(1_600_000_000_000L), Files.getLastModifiedTime(tool));
    assertEquals(Path.of("/bin/tool"), Files.readSymbolicLink(root.resolve("bin/sh")));
    assertEquals(2, Files.getAttribute(tool, "unix:nlink"));
    assertEquals("x", Files.readString(root.resolve("deep/er/file")));
    assertTrue(Files.getAttribute(root.resolve("run/fifo"), "unix:mode") instanceof Integer);
    assertEquals(
        0010000, (int) Files.getAttribute(root.resolve("run/fifo"), "unix:mode") & 0170000);
  }

  @Test
  void gzipLayersAreDetected() throws Exception {
    TestTars tars = new TestTars().file("a", "gz");
    Path root = Files.createDirectory(tmp.resolve("root"));
    unpacker.unpack(new ByteArrayInputStream(tars.gzipped()), root);
    assertEquals("gz", Files.readString(root.resolve("a")));
  }

  @Test
  void whiteoutsBecomeOverlayWhiteouts() throws Exception {
    byte[] tar =
        new TestTars().dir("etc").file("etc/.wh.motd", "").file("var/lib/.wh..wh..opq", "").bytes();
    Path root = Files.createDirectory(tmp.resolve("root"));
    unpacker.unpack(new ByteArrayInputStream(tar), root);

    Path whiteout = root.resolve("etc/motd");
    int mode = (int) Files.getAttribute(whiteout, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    assertEquals(0020000, mode & 0170000, "character device");
    assertEquals(0L, ((Number) Files.getAttribute(whiteout, "unix:rdev")).longValue());
    assertFalse(Files.exists(root.resolve("etc/.wh.motd")));
    assertEquals("y", Syscalls.lgetxattr(root.resolve("var/lib"), LayerUnpacker.OPAQUE_XATTR));
    assertFalse(Files.exists(root.resolve("var/lib/.wh..wh..opq")));
  }

  static Stream<byte[]> hostileLayers() {
    return Stream.of(
        new TestTars().file("ok", "").file("../x", "").bytes(),
        new TestTars().file("/abs", "").bytes(),
        new TestTars().symlink("link", "/").file("link/etc/passwd", "pwned").bytes(),
        new TestTars().dir("d").symlink("d/up", "..").file("d/up/escape", "").bytes(),
        new TestTars().symlink("rel", "../../..").bytes(),
        new TestTars().file("f", "").hardlink("h", "../../etc/passwd").bytes(),
        new TestTars().symlink("l", "/etc").hardlink("h", "l/passwd").bytes());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("hostileLayers")
  void hostileLayersAreRefusedAndLeaveNothingBehind(byte[] tar) throws Exception {
    SnapshotStore store = new SnapshotStore(tmp.resolve("snapshots"), unpacker);
    String diffId = BusyboxRootfs.diffId(tar);
    assertThrows(
        LayerPathException.class, () -> store.ensure(diffId, () -> new ByteArrayInputStream(tar)));
    assertFalse(store.exists(diffId));
    try (Stream<Path> left = Files.list(tmp.resolve("snapshots/.tmp"))) {
      assertEquals(0, left.count());
    }
    assertFalse(Files.exists(tmp.resolve("x")));
    assertFalse(Files.exists(tmp.resolve("escape")));
  }
}
