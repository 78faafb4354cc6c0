package io.berth.node.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.node.linux.Syscalls;
import io.berth.node.snapshot.LayerUnpacker;
import io.berth.oci.layer.TestTars;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("privileged")
class OverlayMountTest {
  @TempDir Path tmp;

  private Path layer(String name, TestTars tars) throws Exception {
    Path dir = Files.createDirectory(tmp.resolve(name));
    new LayerUnpacker().unpack(new ByteArrayInputStream(tars.bytes()), dir);
    return dir;
  }

  @Test
  void layersStackAndWhiteoutsHideLowerFiles() throws Exception {
    Path base =
        layer("base", new TestTars().file("etc/motd", "base").file("etc/keep", "k").file("var/lib/a", "a"));
    Path top = layer("top", new TestTars().file("etc/.wh.motd", "").file("var/lib/.wh..wh..opq", "").file("var/lib/b", "b"));
    Path upper = Files.createDirectory(tmp.resolve("upper"));
    Path work = Files.createDirectory(tmp.resolve("work"));
    Path target = Files.createDirectory(tmp.resolve("rootfs"));
    OverlayMount.mount(List.of(top, base), upper, work, target);
    try {
      assertTrue(OverlayMount.isMounted(target));
      assertFalse(Files.exists(target.resolve("etc/motd")), "whiteout hides the lower file");
      assertEquals("k", Files.readString(target.resolve("etc/keep")));
      assertFalse(Files.exists(target.resolve("var/lib/a")), "opaque dir hides lower content");
      assertEquals("b", Files.readString(target.resolve("var/lib/b")));
      Files.writeString(target.resolve("new"), "rw");
      assertEquals("rw", Files.readString(upper.resolve("new")));
    } finally {
      OverlayMount.unmount(target);
    }
    assertFalse(OverlayMount.isMounted(target));
    OverlayMount.unmount(target); // not mounted: no error
  }

  @Test
  void singleLayerAndErrors() throws Exception {
    Path base = layer("base", new TestTars().file("a", "1"));
    Path target = Files.createDirectory(tmp.resolve("rootfs"));
    Path upper = Files.createDirectory(tmp.resolve("upper"));
    OverlayMount.mount(List.of(base), upper, Files.createDirectory(tmp.resolve("work")), target);
    OverlayMount.unmount(target);
    assertThrows(IllegalArgumentException.class, () -> OverlayMount.mount(List.of(), upper, upper, target));
    Syscalls.ErrnoException e =
        assertThrows(
            Syscalls.ErrnoException.class,
            () -> OverlayMount.mount(List.of(tmp.resolve("missing")), upper, tmp.resolve("work"), target));
    assertEquals(2, e.errno());
  }
}
