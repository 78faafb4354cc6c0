package io.berth.gateway.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFactsTest {

  @TempDir Path root;

  @Test
  void readsKernelOsMemoryHostnameAndCgroupVersionFromTheFiles() throws IOException {
    write("proc/sys/kernel/osrelease", "6.1.0-test\n");
    write("proc/sys/kernel/hostname", "box\n");
    write(
        "etc/os-release",
        "NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"12\"\n");
    write("proc/meminfo", "MemTotal:       24684096 kB\nMemFree:          100 kB\n");
    Files.createDirectories(root.resolve("sys/fs/cgroup/unified"));

    HostFacts facts = HostFacts.read(root);

    assertEquals("6.1.0-test", facts.kernelVersion());
    assertEquals("box", facts.hostname());
    assertEquals("Debian GNU/Linux 12 (bookworm)", facts.operatingSystem());
    assertEquals("12", facts.osVersion());
    assertEquals(24684096L * 1024, facts.memTotal());
    assertEquals("1", facts.cgroupVersion());

    write("sys/fs/cgroup/cgroup.controllers", "cpu memory pids\n");
    assertEquals("2", HostFacts.read(root).cgroupVersion());
  }

  @Test
  void mapsJavaArchitecturesToGoAndUnameNames() {
    assertEquals("amd64", HostFacts.goArch("amd64"));
    assertEquals("arm64", HostFacts.goArch("aarch64"));
    assertEquals("x86_64", HostFacts.unameMachine("amd64"));
    assertEquals("aarch64", HostFacts.unameMachine("aarch64"));
  }

  @Test
  void unquotesOsReleaseValues() {
    assertEquals(
        "Alpine", HostFacts.osReleaseValue(List.of("PRETTY_NAME='Alpine'"), "PRETTY_NAME").orElseThrow());
    assertEquals("x", HostFacts.osReleaseValue(List.of("ID=x"), "ID").orElseThrow());
  }

  private void write(String relative, String content) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
