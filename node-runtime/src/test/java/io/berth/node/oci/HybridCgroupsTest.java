package io.berth.node.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HybridCgroupsTest {
  @TempDir Path root;

  @Test
  void readsTheControllersTheUnifiedMountOffers() throws Exception {
    Files.createDirectories(root.resolve("unified"));
    Files.writeString(root.resolve("unified/cgroup.controllers"), "hugetlb misc\n");
    assertEquals(List.of("hugetlb", "misc"), new HybridCgroups(root).unifiedControllers());
  }

  @Test
  void noUnifiedMountOrAnEmptyOneOffersNothing() throws Exception {
    assertEquals(List.of(), new HybridCgroups(root).unifiedControllers());
    Files.createDirectories(root.resolve("unified"));
    Files.writeString(root.resolve("unified/cgroup.controllers"), "\n");
    assertEquals(List.of(), new HybridCgroups(root).unifiedControllers());
  }
}
