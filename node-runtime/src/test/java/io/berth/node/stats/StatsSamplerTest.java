package io.berth.node.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker's stats JSON from cgroup v1 files laid out as this host has them. */
class StatsSamplerTest {
  @TempDir Path tmp;

  @Test
  void v1CountersBecomeDockersFields() throws Exception {
    Path cg = tmp.resolve("cgroup");
    Path mem = Files.createDirectories(cg.resolve("memory/berth/c1"));
    Files.writeString(mem.resolve("memory.usage_in_bytes"), "10485760\n");
    Files.writeString(mem.resolve("memory.max_usage_in_bytes"), "20971520\n");
    Files.writeString(mem.resolve("memory.limit_in_bytes"), "67108864\n");
    Files.writeString(mem.resolve("memory.stat"), "cache 4096\ntotal_inactive_file 1048576\n");
    Path acct = Files.createDirectories(cg.resolve("cpuacct/berth/c1"));
    Files.writeString(acct.resolve("cpuacct.usage"), "5000000000\n");
    Files.writeString(acct.resolve("cpuacct.usage_percpu"), "3000000000 2000000000 \n");
    Files.writeString(acct.resolve("cpuacct.stat"), "user 300\nsystem 100\n");
    Path pids = Files.createDirectories(cg.resolve("pids/berth/c1"));
    Files.writeString(pids.resolve("pids.current"), "3\n");
    Files.writeString(pids.resolve("pids.max"), "max\n");
    Path blkio = Files.createDirectories(cg.resolve("blkio/berth/c1"));
    Files.writeString(blkio.resolve("blkio.throttle.io_service_bytes_recursive"), "8:0 Read 4096\n8:0 Write 8192\nTotal 12288\n");
    Path proc = Files.createDirectories(tmp.resolve("proc"));
    Files.writeString(proc.resolve("stat"), "cpu  100 0 50 850 0 0 0 0 0 0\ncpu0 50 0 25 425 0 0 0 0 0 0\ncpu1 50 0 25 425 0 0 0 0 0 0\n");
    Files.writeString(proc.resolve("meminfo"), "MemTotal:       1024 kB\n");

    JsonObject s = new StatsSampler(new ContainerCgroups(cg), proc).sample("c1");
    JsonObject cpu = s.getJsonObject("cpu_stats");
    assertEquals(5_000_000_000L, cpu.getJsonObject("cpu_usage").getLong("total_usage"));
    assertEquals(2, cpu.getJsonObject("cpu_usage").getJsonArray("percpu_usage").size());
    assertEquals(3_000_000_000L, cpu.getJsonObject("cpu_usage").getLong("usage_in_usermode"));
    assertEquals(1000 * StatsSampler.NANOS_PER_TICK, cpu.getLong("system_cpu_usage"));
    assertEquals(2, cpu.getInteger("online_cpus"));
    JsonObject memory = s.getJsonObject("memory_stats");
    assertEquals(10485760L, memory.getLong("usage"));
    assertEquals(1024L * 1024, memory.getLong("limit")); // above the host's memory: the host's
    assertEquals(1048576L, memory.getJsonObject("stats").getLong("total_inactive_file"));
    assertEquals(3, s.getJsonObject("pids_stats").getLong("current"));
    assertTrue(!s.getJsonObject("pids_stats").containsKey("limit"));
    assertEquals(2, s.getJsonObject("blkio_stats").getJsonArray("io_service_bytes_recursive").size());
  }

  @Test
  void noCgroupMeansDockersZeroSample() throws Exception {
    JsonObject s = new StatsSampler(new ContainerCgroups(tmp), tmp).sample("gone");
    assertEquals(StatsSampler.ZERO_TIME, s.getString("read"));
  }
}
