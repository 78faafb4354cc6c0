package io.berth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Volumes and bind mounts with the real docker CLI: -v, --mount, --volumes-from, docker volume. */
class VolumesIT {
  static final String IMG = "bb:vol";

  @BeforeAll
  static void busyboxImage() {
    BerthStack.ensureUp();
    Path tar = BerthStack.HOME.getParent().resolve("busybox-rootfs-vol.tar");
    Shell.run(BerthStack.REPO, Map.of(), Duration.ofMinutes(1),
        List.of("sh", BerthStack.REPO.resolve("scripts/busybox-rootfs.sh").toString(), tar.toString())).assertOk();
    BerthStack.docker("import", tar.toString(), IMG).assertOk();
  }

  @Test
  void aNamedVolumeOutlivesTheContainerThatWroteIt() {
    BerthStack.docker("volume", "create", "--label", "team=a", "keep").assertOk();
    BerthStack.docker("run", "--rm", "-v", "keep:/data", IMG, "sh", "-c", "echo kept > /data/f").assertOk();
    assertEquals("kept\n", BerthStack.docker("run", "--rm", "-v", "keep:/data", IMG, "cat", "/data/f").assertOk().stdout());

    assertTrue(BerthStack.docker("volume", "ls", "-q").assertOk().stdout().lines().anyMatch("keep"::equals));
    assertEquals("keep", BerthStack.docker("volume", "ls", "-q", "--filter", "label=team=a").assertOk().stdout().trim());
    String mountpoint = BerthStack.docker("volume", "inspect", "-f", "{{.Mountpoint}}", "keep").assertOk().stdout().trim();
    assertTrue(mountpoint.endsWith("/volumes/keep/_data"), mountpoint);

    BerthStack.docker("run", "-d", "--name", "vol-user", "-v", "keep:/data", IMG, "sleep", "300").assertOk();
    Shell.Result inUse = BerthStack.docker("volume", "rm", "keep");
    assertNotEquals(0, inUse.exitCode());
    assertTrue(inUse.stderr().contains("volume is in use"), inUse.toString());
    assertEquals("volume keep /data true", BerthStack.docker("inspect", "-f",
        "{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}} {{.RW}}{{end}}", "vol-user").assertOk().stdout().trim());
    BerthStack.docker("rm", "-f", "vol-user").assertOk();
    BerthStack.docker("volume", "rm", "keep").assertOk();
    assertNotEquals(0, BerthStack.docker("volume", "inspect", "keep").exitCode());
  }

  @Test
  void bindMountsReadWriteAndReadOnly() throws Exception {
    Path dir = Files.createTempDirectory("berth-bind");
    Files.writeString(dir.resolve("hello.txt"), "from the host\n");
    assertEquals("from the host\n", BerthStack.docker("run", "--rm", "-v", dir + ":/h:ro", IMG, "cat", "/h/hello.txt")
        .assertOk().stdout());
    Shell.Result write = BerthStack.docker("run", "--rm", "-v", dir + ":/h:ro", IMG, "sh", "-c", "echo x > /h/new");
    assertNotEquals(0, write.exitCode(), "a read-only bind refuses writes");
    assertFalse(Files.exists(dir.resolve("new")));

    BerthStack.docker("run", "--rm", "--mount", "type=bind,source=" + dir + ",target=/rw", IMG,
        "sh", "-c", "echo written > /rw/out.txt").assertOk();
    assertEquals("written\n", Files.readString(dir.resolve("out.txt")));
  }

  @Test
  void anonymousVolumesGoWithRmDashV() {
    String id = BerthStack.docker("create", "-v", "/anon", IMG, "true").assertOk().stdout().trim();
    String name = BerthStack.docker("inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", id).assertOk().stdout().trim();
    assertEquals(64, name.length(), name);
    assertTrue(BerthStack.docker("volume", "ls", "-q").assertOk().stdout().contains(name));
    BerthStack.docker("rm", "-v", id).assertOk();
    assertFalse(BerthStack.docker("volume", "ls", "-q").assertOk().stdout().contains(name), "rm -v removed it");
  }

  @Test
  void volumesFromCopyUpAndTmpfsMounts() {
    BerthStack.docker("run", "-d", "--name", "vol-src", "--mount", "type=volume,source=shared,target=/shared",
        IMG, "sh", "-c", "echo hi > /shared/x; sleep 300").assertOk();
    assertEquals("hi\n", BerthStack.docker("run", "--rm", "--volumes-from", "vol-src:ro", IMG, "sh", "-c",
        "sleep 1; cat /shared/x").assertOk().stdout());
    BerthStack.docker("rm", "-f", "vol-src").assertOk();

    // A new volume is filled with what the image has at the mount point, as Docker does.
    assertTrue(BerthStack.docker("run", "--rm", "-v", "etc-copy:/etc", IMG, "cat", "/etc/passwd").assertOk()
        .stdout().contains("root:"));
    assertTrue(BerthStack.docker("run", "--rm", "--mount", "type=tmpfs,destination=/scratch", IMG,
        "grep", " /scratch ", "/proc/mounts").assertOk().stdout().startsWith("tmpfs"));

    String pruned = BerthStack.docker("volume", "prune", "-f").assertOk().stdout();
    assertTrue(pruned.contains("etc-copy") && pruned.contains("shared"), pruned);
  }

  @Test
  void badMountSpecificationsAreClearErrors() {
    Shell.Result relative = BerthStack.docker("run", "--rm", "-v", "data:relative", IMG, "true");
    assertNotEquals(0, relative.exitCode());
    assertTrue(relative.stderr().contains("must be absolute"), relative.toString());
    Shell.Result badName = BerthStack.docker("volume", "create", "bad/name");
    assertNotEquals(0, badName.exitCode());
    assertTrue(badName.stderr().contains("invalid characters"), badName.toString());
  }
}
