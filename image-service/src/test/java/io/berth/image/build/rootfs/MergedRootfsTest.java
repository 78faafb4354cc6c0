package io.berth.image.build.rootfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.oci.layer.LayerPathException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merged filesystem of crafted layers, written out (unpack) and read one file at a time. */
class MergedRootfsTest {
  @TempDir Path tmp;

  private static final byte[] BASE = base();

  private static byte[] base() {
    try {
      return new LayerTar()
          .dir("etc").file("etc/passwd", "root:x:0:0\n").file("etc/old", "old")
          .dir("var/lib").file("var/lib/a", "a").file("var/lib/b", "b")
          .file("usr/bin/python3.11", "py-old", 0100755)
          .symlink("usr/bin/python3", "python3.11")
          .hardlink("usr/bin/py-hard", "usr/bin/python3.11")
          .symlink("bin", "usr/bin")
          .charDevice("dev/null", 1, 3)
          .file("secret", "inside")
          .bytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] upper() throws IOException {
    return new LayerTar()
        .whiteout("etc", "old")
        .file("etc/passwd", "root:x:0:0\napp:x:1000:1000\n")
        .dir("var/lib").opaque("var/lib").file("var/lib/c", "c")
        .file("usr/bin/python3.11", "py-new", 0100755)
        .gzip(); // layers may be compressed
  }

  private Path unpack(byte[]... layers) throws IOException {
    Path root = Files.createDirectory(tmp.resolve("root"));
    MergedTreeWriter writer = new MergedTreeWriter(root);
    for (byte[] layer : layers) {
      writer.apply(new ByteArrayInputStream(layer));
    }
    writer.finish();
    return root;
  }

  private static Optional<String> read(String path, byte[]... layers) throws IOException {
    MergedIndex index = new MergedIndex();
    for (int i = 0; i < layers.length; i++) {
      index.add(i, new ByteArrayInputStream(layers[i]));
    }
    Optional<MergedIndex.Source> s = index.file(path);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    byte[] layer = layers[s.get().layer()];
    return Optional.of(new String(
        LayerFileReader.content(() -> new ByteArrayInputStream(layer), s.get()), StandardCharsets.UTF_8));
  }

  private static String content(Path p) throws IOException {
    return Files.readString(p);
  }

  @Test
  void unpackAppliesWhiteoutsOpaqueDirectoriesAndReplacements() throws IOException {
    Path root = unpack(BASE, upper());
    assertFalse(Files.exists(root.resolve("etc/old"), LinkOption.NOFOLLOW_LINKS));
    assertEquals("root:x:0:0\napp:x:1000:1000\n", content(root.resolve("etc/passwd")));
    try (var lib = Files.list(root.resolve("var/lib"))) {
      assertEquals(List.of("c"), lib.map(p -> p.getFileName().toString()).toList());
    }
    assertEquals("py-new", content(root.resolve("usr/bin/python3.11")));
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("usr/bin/python3.11"))));
    // The hard link was made to the lower file: replacing that file later does not change it.
    assertEquals("py-old", content(root.resolve("usr/bin/py-hard")));
    assertEquals(Path.of("usr/bin"), Files.readSymbolicLink(root.resolve("bin")));
    assertEquals("py-new", content(root.resolve("usr/bin/python3")));
    assertFalse(Files.exists(root.resolve("dev/null"), LinkOption.NOFOLLOW_LINKS), "device nodes are skipped");
  }

  @Test
  void singleLayerUnpacksAsIs() throws IOException {
    Path root = unpack(BASE);
    assertEquals("old", content(root.resolve("etc/old")));
    assertEquals("py-old", content(root.resolve("usr/bin/py-hard")));
    assertEquals(Files.readAttributes(root.resolve("usr/bin/python3.11"), "unix:ino"),
        Files.readAttributes(root.resolve("usr/bin/py-hard"), "unix:ino"));
  }

  @Test
  void readFollowsSymlinksAndHardLinksInsideTheImage() throws IOException {
    byte[] upper = upper();
    assertEquals(Optional.of("root:x:0:0\napp:x:1000:1000\n"), read("/etc/passwd", BASE, upper));
    assertEquals(Optional.of("py-new"), read("/bin/python3", BASE, upper)); // bin -> usr/bin, python3 -> python3.11
    assertEquals(Optional.of("py-old"), read("/usr/bin/py-hard", BASE, upper));
    assertEquals(Optional.of("py-old"), read("/usr/bin/python3", BASE));
    assertEquals(Optional.empty(), read("/etc/old", BASE, upper), "whited out");
    assertEquals(Optional.empty(), read("/var/lib/a", BASE, upper), "hidden by the opaque directory");
    assertEquals(Optional.of("c"), read("var/lib/c", BASE, upper));
    assertEquals(Optional.empty(), read("/etc", BASE, upper), "a directory is not a file");
    assertEquals(Optional.empty(), read("/nope", BASE, upper));
    assertEquals(Optional.empty(), read("/etc/passwd/x", BASE, upper));
  }

  @Test
  void readResolvesClimbingLinksAgainstTheImageRootNotTheHost() throws IOException {
    byte[] layer = new LayerTar().file("secret", "inside").symlink("a/b/up", "../../../../../secret")
        .symlink("abs", "/a/b/up").symlink("loop1", "loop2").symlink("loop2", "loop1").bytes();
    byte[] lower = new LayerTar().file("secret", "lower").bytes();
    assertEquals(Optional.of("inside"), read("/a/b/up", lower, layer));
    assertEquals(Optional.of("inside"), read("/abs", lower, layer));
    assertEquals(Optional.of("inside"), read("/../../secret", lower, layer));
    assertEquals(Optional.empty(), read("/loop1", lower, layer));
  }

  @Test
  void aLowerSymlinkIsReplacedByAnUpperDirectoryNeverFollowed() throws IOException {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    byte[] lower = new LayerTar().symlink("out", outside.toString()).symlink("f", outside.resolve("g").toString()).bytes();
    byte[] upper = new LayerTar().file("out/f", "upper").file("f", "replaced").bytes();
    Path root = unpack(lower, upper);
    assertTrue(Files.isDirectory(root.resolve("out"), LinkOption.NOFOLLOW_LINKS));
    assertEquals("upper", content(root.resolve("out/f")));
    assertEquals("replaced", content(root.resolve("f")));
    try (var s = Files.list(outside)) {
      assertEquals(0, s.count(), "nothing written through the symlinks");
    }
    assertEquals(Optional.of("upper"), read("/out/f", lower, upper));
  }

  @Test
  void unsafeEntriesAreRefused() throws IOException {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    List<byte[]> unsafe = List.of(
        new LayerTar().file("../x", "escape").bytes(),
        new LayerTar().symlink("l", outside.toString()).file("l/x", "through a link of the same layer").bytes(),
        new LayerTar().symlink("up", "../../..").bytes(),
        new LayerTar().file("a", "a").hardlink("h", "../a").bytes());
    int n = 0;
    for (byte[] layer : unsafe) {
      Path root = Files.createDirectory(tmp.resolve("r" + n++));
      MergedTreeWriter writer = new MergedTreeWriter(root);
      assertThrows(LayerPathException.class, () -> writer.apply(new ByteArrayInputStream(layer)));
    }
    try (var s = Files.list(outside)) {
      assertEquals(0, s.count());
    }
    assertThrows(LayerPathException.class, () -> read("/x", new LayerTar().file("../x", "escape").bytes()));
  }

  @Test
  void metadataIsKept() throws IOException {
    byte[] layer = new LayerTar().file("bin/tool", "#!/bin/sh\n", 0104750).dir("tmp").bytes();
    Path root = unpack(layer);
    assertEquals(0104750, ((Integer) Files.getAttribute(root.resolve("bin/tool"), "unix:mode")) & 0107777);
    assertArrayEquals("#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(root.resolve("bin/tool")));
  }
}
