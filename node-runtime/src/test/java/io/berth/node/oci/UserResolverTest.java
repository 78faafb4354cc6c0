package io.berth.node.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserResolverTest {
  @TempDir Path rootfs;
  private final UserResolver resolver = new UserResolver();

  @BeforeEach
  void image() throws Exception {
    Files.createDirectories(rootfs.resolve("etc"));
    Files.writeString(
        rootfs.resolve("etc/passwd"),
        "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n");
    Files.writeString(
        rootfs.resolve("etc/group"), "root:x:0:\nstaff:x:50:app,other\napp:x:1000:\nwheel:x:10:app\n");
  }

  @Test
  void emptyIsRoot() throws Exception {
    assertEquals(new UserResolver.ResolvedUser(0, 0, List.of(), "/root"), resolver.resolve(rootfs, ""));
  }

  @Test
  void namesResolveWithSupplementaryGroups() throws Exception {
    assertEquals(
        new UserResolver.ResolvedUser(1000, 1000, List.of(50, 10), "/home/app"),
        resolver.resolve(rootfs, "app"));
    assertEquals(
        new UserResolver.ResolvedUser(1000, 50, List.of(10), "/home/app"),
        resolver.resolve(rootfs, "app:staff"));
  }

  @Test
  void numericIdsNeedNoEntry() throws Exception {
    assertEquals(new UserResolver.ResolvedUser(4242, 0, List.of(), "/"), resolver.resolve(rootfs, "4242"));
    assertEquals(
        new UserResolver.ResolvedUser(1000, 7, List.of(50, 10), "/home/app"),
        resolver.resolve(rootfs, "1000:7"));
  }

  @Test
  void unknownNamesAreClearErrors() {
    assertEquals(
        "unable to find user bob: no matching entries in passwd file",
        assertThrows(UserResolver.UnknownUserException.class, () -> resolver.resolve(rootfs, "bob"))
            .getMessage());
    assertEquals(
        "unable to find group ops: no matching entries in group file",
        assertThrows(
                UserResolver.UnknownUserException.class, () -> resolver.resolve(rootfs, "app:ops"))
            .getMessage());
  }

  @Test
  void aSymlinkedPasswdIsRefused() throws Exception {
    Files.delete(rootfs.resolve("etc/passwd"));
    Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("/etc/passwd"));
    assertThrows(java.io.IOException.class, () -> resolver.resolve(rootfs, "root"));
  }
}
