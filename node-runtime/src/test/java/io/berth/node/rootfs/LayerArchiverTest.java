package io.berth.node.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.node.linux.LibC;
import io.berth.node.linux.Syscalls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker commit's layer from an overlay writable layer laid out by hand (whiteouts need mknod: root). */
@Tag("privileged")
class LayerArchiverTest {
  @TempDir Path upper;

  @Test
  void overlayWhiteoutsBecomeImageWhiteoutsAndRuntimeMountPointsStayOut() throws Exception {
    Files.createDirectories(upper.resolve("etc"));
    Files.writeString(upper.resolve("etc/motd"), "hi\n");
    Files.createFile(upper.resolve("etc/hosts")); // the runtime's mount point, empty
    Syscalls.mknod(upper.resolve("etc/gone"), LibC.S_IFCHR, 0, 0);
    Files.createDirectories(upper.resolve("var/cache"));
    Syscalls.lsetxattr(upper.resolve("var/cache"), RootfsChanges.OPAQUE_XATTR, "y".getBytes(StandardCharsets.US_ASCII));

    Map<String, String> entries = entries(upper);
    assertEquals(Map.of(
        "etc/", "dir",
        "etc/motd", "hi\n",
        "etc/.wh.gone", "",
        "var/", "dir",
        "var/cache/", "dir",
        "var/cache/.wh..wh..opq", ""), entries);
  }

  @Test
  void aContainerThatNeverRanHasAnEmptyLayer() throws Exception {
    assertEquals(Map.of(), entries(upper.resolve("absent")));
  }

  private static Map<String, String> entries(Path upper) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LayerArchiver.write(upper, out);
    Map<String, String> entries = new TreeMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      TarArchiveEntry e;
      while ((e = tar.getNextTarEntry()) != null) {
        entries.put(e.getName(), e.isDirectory() ? "dir" : new String(tar.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return entries;
  }
}
