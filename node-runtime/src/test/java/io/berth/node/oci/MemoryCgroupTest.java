package io.berth.node.oci;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OOM detection from cgroup files laid out as v1 and v2 hosts have them. */
class MemoryCgroupTest {
  @TempDir Path root;

  @Test
  void v1OomControlCounter() throws Exception {
    Path dir = Files.createDirectories(root.resolve("memory/berth/a"));
    Files.writeString(dir.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
    Path quiet = Files.createDirectories(root.resolve("memory/berth/b"));
    Files.writeString(quiet.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
    MemoryCgroup m = new MemoryCgroup(root);
    assertTrue(m.oomKilled("a"));
    assertFalse(m.oomKilled("b"));
    assertFalse(m.oomKilled("gone"));
  }

  @Test
  void v2MemoryEvents() throws Exception {
    Path dir = Files.createDirectories(root.resolve("berth/c"));
    Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");
    assertTrue(new MemoryCgroup(root).oomKilled("c"));
  }
}
