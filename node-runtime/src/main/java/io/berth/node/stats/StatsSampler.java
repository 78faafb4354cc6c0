package io.berth.node.stats;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One sample of Docker's stats JSON for a container, from its cgroups: cpu_stats (with the host's
 * system_cpu_usage and online_cpus, which the CLI needs for CPU %), memory_stats (usage, limit,
 * memory.stat), pids_stats and blkio_stats. Cgroup v1 and v2 are both read.
 */
public final class StatsSampler {
  /** USER_HZ: /proc/stat and cpuacct.stat count in these ticks. */
  static final long CLOCK_TICKS = 100;
  static final long NANOS_PER_TICK = 1_000_000_000L / CLOCK_TICKS;
  /** Go's zero time, which Docker sends for a container without stats. */
  static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private final ContainerCgroups cgroups;
  private final Path procRoot;

  public StatsSampler(ContainerCgroups cgroups, Path procRoot) {
    this.cgroups = cgroups;
    this.procRoot = procRoot;
  }

  /** A sample; all zeros (Docker's shape for a container that does not run) without cgroups. */
  public JsonObject sample(String containerId) throws IOException {
    Optional<Path> memory = cgroups.dir(containerId, "memory");
    JsonObject s = new JsonObject();
    if (memory.isEmpty()) {
      return s.put("read", ZERO_TIME)
          .put("pids_stats", new JsonObject())
          .put("blkio_stats", blkio(List.of()))
          .put("cpu_stats", new JsonObject().put("cpu_usage", new JsonObject().put("total_usage", 0))
              .put("throttling_data", new JsonObject()))
          .put("memory_stats", new JsonObject());
    }
    boolean v2 = cgroups.unified(memory.get());
    s.put("read", Instant.now().toString());
    s.put("pids_stats", pids(containerId));
    s.put("blkio_stats", v2 ? blkio(List.of()) : blkio(blkioV1(containerId)));
    s.put("num_procs", 0);
    s.put("storage_stats", new JsonObject());
    s.put("cpu_stats", v2 ? cpuV2(memory.get()) : cpuV1(containerId));
    s.put("memory_stats", v2 ? memoryV2(memory.get()) : memoryV1(memory.get()));
    return s;
  }

  private JsonObject pids(String containerId) throws IOException {
    JsonObject p = new JsonObject();
    Optional<Path> dir = cgroups.dir(containerId, "pids");
    if (dir.isPresent()) {
      p.put("current", ContainerCgroups.number(dir.get().resolve("pids.current"), 0));
      long max = ContainerCgroups.number(dir.get().resolve("pids.max"), 0);
      if (max > 0) {
        p.put("limit", max);
      }
    }
    return p;
  }

  private JsonObject cpuV1(String containerId) throws IOException {
    JsonObject usage = new JsonObject();
    Optional<Path> acct = cgroups.dir(containerId, "cpuacct");
    if (acct.isPresent()) {
      usage.put("total_usage", ContainerCgroups.number(acct.get().resolve("cpuacct.usage"), 0));
      JsonArray percpu = new JsonArray();
      for (String line : ContainerCgroups.lines(acct.get().resolve("cpuacct.usage_percpu"))) {
        for (String f : line.trim().split("\\s+")) {
          if (!f.isEmpty()) {
            percpu.add(Long.parseLong(f));
          }
        }
      }
      usage.put("percpu_usage", percpu);
      Map<String, Long> ticks = ContainerCgroups.keyed(acct.get().resolve("cpuacct.stat"));
      usage.put("usage_in_kernelmode", ticks.getOrDefault("system", 0L) * NANOS_PER_TICK);
      usage.put("usage_in_usermode", ticks.getOrDefault("user", 0L) * NANOS_PER_TICK);
    } else {
      usage.put("total_usage", 0);
    }
    Map<String, Long> throttling = cgroups.dir(containerId, "cpu").isPresent()
        ? ContainerCgroups.keyed(cgroups.dir(containerId, "cpu").get().resolve("cpu.stat")) : Map.of();
    return cpu(usage, throttling.getOrDefault("nr_periods", 0L), throttling.getOrDefault("nr_throttled", 0L),
        throttling.getOrDefault("throttled_time", 0L));
  }

  private JsonObject cpuV2(Path dir) throws IOException {
    Map<String, Long> stat = ContainerCgroups.keyed(dir.resolve("cpu.stat"));
    JsonObject usage = new JsonObject()
        .put("total_usage", stat.getOrDefault("usage_usec", 0L) * 1000)
        .put("usage_in_kernelmode", stat.getOrDefault("system_usec", 0L) * 1000)
        .put("usage_in_usermode", stat.getOrDefault("user_usec", 0L) * 1000);
    return cpu(usage, stat.getOrDefault("nr_periods", 0L), stat.getOrDefault("nr_throttled", 0L),
        stat.getOrDefault("throttled_usec", 0L) * 1000);
  }

  private JsonObject cpu(JsonObject usage, long periods, long throttled, long throttledTime) throws IOException {
    return new JsonObject()
        .put("cpu_usage", usage)
        .put("system_cpu_usage", systemCpuUsage())
        .put("online_cpus", onlineCpus())
        .put("throttling_data", new JsonObject()
            .put("periods", periods).put("throttled_periods", throttled).put("throttled_time", throttledTime));
  }

  private JsonObject memoryV1(Path dir) throws IOException {
    JsonObject stats = new JsonObject();
    ContainerCgroups.keyed(dir.resolve("memory.stat")).forEach(stats::put);
    return new JsonObject()
        .put("usage", ContainerCgroups.number(dir.resolve("memory.usage_in_bytes"), 0))
        .put("max_usage", ContainerCgroups.number(dir.resolve("memory.max_usage_in_bytes"), 0))
        .put("stats", stats)
        .put("limit", limit(ContainerCgroups.number(dir.resolve("memory.limit_in_bytes"), Long.MAX_VALUE)));
  }

  private JsonObject memoryV2(Path dir) throws IOException {
    JsonObject stats = new JsonObject();
    ContainerCgroups.keyed(dir.resolve("memory.stat")).forEach(stats::put);
    return new JsonObject()
        .put("usage", ContainerCgroups.number(dir.resolve("memory.current"), 0))
        .put("stats", stats)
        .put("limit", limit(ContainerCgroups.number(dir.resolve("memory.max"), Long.MAX_VALUE)));
  }

  // Without a limit the cgroup says "unlimited" (v1: a huge number); Docker shows the host's memory.
  private long limit(long cgroupLimit) throws IOException {
    long host = hostMemory();
    return host > 0 && cgroupLimit > host ? host : cgroupLimit;
  }

  private List<JsonObject> blkioV1(String containerId) throws IOException {
    Optional<Path> dir = cgroups.dir(containerId, "blkio");
    if (dir.isEmpty()) {
      return List.of();
    }
    List<String> lines = ContainerCgroups.lines(dir.get().resolve("blkio.io_service_bytes_recursive"));
    if (lines.isEmpty() || lines.stream().allMatch(l -> l.startsWith("Total"))) {
      lines = ContainerCgroups.lines(dir.get().resolve("blkio.throttle.io_service_bytes_recursive"));
    }
    List<JsonObject> entries = new java.util.ArrayList<>();
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3 && f[0].contains(":")) {
        String[] dev = f[0].split(":");
        entries.add(new JsonObject().put("major", Long.parseLong(dev[0])).put("minor", Long.parseLong(dev[1]))
            .put("op", f[1]).put("value", Long.parseLong(f[2])));
      }
    }
    return entries;
  }

  private static JsonObject blkio(List<JsonObject> serviceBytes) {
    return new JsonObject()
        .put("io_service_bytes_recursive", serviceBytes.isEmpty() ? null : new JsonArray(new java.util.ArrayList<>(serviceBytes)))
        .put("io_serviced_recursive", null)
        .put("io_queue_recursive", null)
        .put("io_service_time_recursive", null)
        .put("io_wait_time_recursive", null)
        .put("io_merged_recursive", null)
        .put("io_time_recursive", null)
        .put("sectors_recursive", null);
  }

  /** The host's CPU time in nanoseconds: the sum of the "cpu" line of /proc/stat, as dockerd computes it. */
  long systemCpuUsage() throws IOException {
    for (String line : ContainerCgroups.lines(procRoot.resolve("stat"))) {
      if (line.startsWith("cpu ")) {
        long ticks = 0;
        String[] f = line.trim().split("\\s+");
        for (int i = 1; i < f.length && i <= 7; i++) { // user nice system idle iowait irq softirq
          ticks += Long.parseLong(f[i]);
        }
        return ticks * NANOS_PER_TICK;
      }
    }
    return 0;
  }

  int onlineCpus() throws IOException {
    int n = 0;
    for (String line : ContainerCgroups.lines(procRoot.resolve("stat"))) {
      if (line.startsWith("cpu") && Character.isDigit(line.charAt(3))) {
        n++;
      }
    }
    return n > 0 ? n : Runtime.getRuntime().availableProcessors();
  }

  long hostMemory() throws IOException {
    for (String line : ContainerCgroups.lines(procRoot.resolve("meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return 0;
  }
}
