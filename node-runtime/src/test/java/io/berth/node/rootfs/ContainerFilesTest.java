package io.berth.node.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.oci.layer.TestTars;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker cp's file side on a plain directory standing in for a container root; chown needs root. */
@Tag("privileged")
class ContainerFilesTest {
  @TempDir Path tmp;
  Path root;
  Path outside;

  @BeforeEach
  void layout() throws Exception {
    root = Files.createDirectories(tmp.resolve("root"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.createDirectories(root.resolve("etc/conf.d"));
    Files.writeString(root.resolve("etc/hostname"), "box\n");
    Files.writeString(root.resolve("etc/conf.d/a"), "A");
    Files.createSymbolicLink(root.resolve("etc/link"), Path.of("hostname"));
    Files.createDirectories(root.resolve("tmp"));
  }

  @Test
  void statDescribesFilesDirectoriesAndLinks() throws Exception {
    PathStat file = ContainerFiles.stat(root, "/etc/hostname");
    assertEquals("hostname", file.name());
    assertEquals(4, file.size());
    assertFalse(file.isDirectory());
    assertTrue(ContainerFiles.stat(root, "/etc").isDirectory());
    PathStat link = ContainerFiles.stat(root, "/etc/link");
    assertEquals("/etc/hostname", link.linkTarget());
    assertTrue((link.mode() & PathStat.MODE_SYMLINK) != 0);
    JsonNode header = new ObjectMapper().readTree(Base64.getDecoder().decode(file.header()));
    assertEquals("hostname", header.get("name").asText());
    assertEquals(0644, header.get("mode").asLong() & 0777);
    assertThrows(ContainerFiles.NotFoundException.class, () -> ContainerFiles.stat(root, "/nope"));
  }

  @Test
  void archiveEntriesStartWithTheBaseName() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ContainerFiles.archive(root, "/etc", out);
    List<String> names = names(out.toByteArray());
    assertTrue(names.containsAll(List.of("etc/", "etc/hostname", "etc/conf.d/", "etc/conf.d/a", "etc/link")), names.toString());
    out.reset();
    ContainerFiles.archive(root, "/etc/hostname", out);
    assertEquals(List.of("hostname"), names(out.toByteArray()));
  }

  @Test
  void extractsIntoADirectoryOwnedByRoot() throws Exception {
    byte[] tar = new TestTars().dir("d").file("d/f", "hello", 0600, 1000, 1000).symlink("d/l", "/etc/hostname").bytes();
    ContainerFiles.extract(root, "/tmp", new ByteArrayInputStream(tar), false, false);
    assertEquals("hello", Files.readString(root.resolve("tmp/d/f")));
    assertEquals(0, Files.getAttribute(root.resolve("tmp/d/f"), "unix:uid"));
    assertEquals(0600, (int) Files.getAttribute(root.resolve("tmp/d/f"), "unix:mode") & 0777);
    ContainerFiles.extract(root, "/tmp", new ByteArrayInputStream(new TestTars().file("o", "x", 0644, 1000, 1000).bytes()), false, true);
    assertEquals(1000, Files.getAttribute(root.resolve("tmp/o"), "unix:uid"));
  }

  @Test
  void escapingEntriesAndLinksAreRefusedAndNothingLandsOutside() throws Exception {
    Files.createSymbolicLink(root.resolve("tmp/out"), outside);
    for (byte[] tar : List.of(
        new TestTars().file("../evil", "x").bytes(),
        new TestTars().file("/abs", "x").bytes(),
        new TestTars().symlink("up", "../../../../etc").bytes(),
        new TestTars().hardlink("h", "../../etc/hostname").bytes())) {
      assertThrows(ContainerFiles.BadRequestException.class,
          () -> ContainerFiles.extract(root, "/tmp", new ByteArrayInputStream(tar), false, false));
    }
    // Through a symlink to a host path: it is a container path, so the write stays in the root.
    ContainerFiles.extract(root, "/tmp", new ByteArrayInputStream(new TestTars().file("out/f", "x").bytes()), false, false);
    assertEquals(0, Files.list(outside).count());
    assertTrue(Files.exists(root.resolve(outside.toString().substring(1)).resolve("f")));
    assertFalse(Files.exists(tmp.resolve("evil")));
  }

  @Test
  void aFileInPlaceOfADirectoryIsRefusedWhenAsked() throws Exception {
    byte[] tar = new TestTars().file("conf.d", "x").bytes();
    assertThrows(ContainerFiles.BadRequestException.class,
        () -> ContainerFiles.extract(root, "/etc", new ByteArrayInputStream(tar), true, false));
    assertTrue(Files.isDirectory(root.resolve("etc/conf.d")));
    ContainerFiles.extract(root, "/etc", new ByteArrayInputStream(tar), false, false);
    assertEquals("x", Files.readString(root.resolve("etc/conf.d")));
  }

  @Test
  void extractionPointMustBeAnExistingDirectory() {
    assertThrows(ContainerFiles.NotFoundException.class,
        () -> ContainerFiles.extract(root, "/nope", new ByteArrayInputStream(new byte[0]), false, false));
    assertThrows(ContainerFiles.BadRequestException.class,
        () -> ContainerFiles.extract(root, "/etc/hostname", new ByteArrayInputStream(new byte[0]), false, false));
  }

  static List<String> names(byte[] tar) throws Exception {
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        names.add(e.getName());
      }
    }
    return names;
  }
}
