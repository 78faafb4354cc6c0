package io.berth.container.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.InvalidArgumentException;
import io.berth.events.container.v1.ContainerDevice;
import io.berth.events.container.v1.ContainerLogConfig;
import io.berth.events.container.v1.ContainerResources;
import io.berth.events.container.v1.ContainerSecurity;
import io.berth.oci.seccomp.SeccompProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the resource limits and security options out of a create request's HostConfig, with
 * Docker's validation and messages (HTTP 400 at create, never a runtime error at start).
 */
public final class HostOptions {
  private HostOptions() {}

  /** Docker's floor for {@code -m} and {@code --memory-reservation}. */
  static final long MIN_MEMORY = 6L * 1024 * 1024;

  private static final Pattern CPUSET = Pattern.compile("[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*");
  private static final Set<String> ULIMITS = Set.of(
      "as", "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile",
      "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

  /** Throws {@link InvalidArgumentException} when {@code hostConfig} asks for something invalid. */
  public static void validate(JsonNode hostConfig) {
    resources(hostConfig);
    security(hostConfig);
    logConfig(hostConfig);
  }

  /** The limits of {@code hostConfig}; null when it sets none. */
  public static ContainerResources resources(JsonNode h) {
    Long memory = positive(h, "Memory");
    Long swap = h.path("MemorySwap").isNumber() && h.get("MemorySwap").asLong() != 0 ? h.get("MemorySwap").asLong() : null;
    Long reservation = positive(h, "MemoryReservation");
    if (memory != null && memory < MIN_MEMORY) {
      throw bad("Minimum memory limit allowed is 6MB");
    }
    if (swap != null && swap != -1) {
      if (memory == null) {
        throw bad("You should always set the Memory limit when using Memoryswap limit, see usage");
      }
      if (swap < memory) {
        throw bad("Minimum memoryswap limit should be larger than memory limit, see usage");
      }
    }
    if (reservation != null) {
      if (reservation < MIN_MEMORY) {
        throw bad("Minimum memory reservation allowed is 6MB");
      }
      if (memory != null && memory < reservation) {
        throw bad("Minimum memory limit can not be less than memory reservation limit, see usage");
      }
    }
    Long nanoCpus = positive(h, "NanoCpus");
    Long period = positive(h, "CpuPeriod");
    Long quota = positive(h, "CpuQuota");
    if (nanoCpus != null && (period != null || quota != null)) {
      throw bad("Conflicting options: Nano CPUs and CPU Period/Quota cannot both be set");
    }
    if (nanoCpus != null && nanoCpus < 10_000_000L) {
      throw bad("Range of CPUs is from 0.01 to the number of CPUs available");
    }
    if (period != null && (period < 1000 || period > 1_000_000)) {
      throw bad("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
    }
    if (quota != null && quota < 1000) {
      throw bad("CPU cfs quota can not be less than 1ms (i.e. 1000)");
    }
    String cpuset = h.path("CpusetCpus").asText("");
    if (!cpuset.isEmpty() && !CPUSET.matcher(cpuset).matches()) {
      throw bad("Invalid value " + cpuset + " for cpuset cpus");
    }
    Long pids = h.path("PidsLimit").isNumber() && h.get("PidsLimit").asLong() != 0 ? h.get("PidsLimit").asLong() : null;
    if (pids != null && pids < 0) {
      pids = -1L; // Docker: any negative value means unlimited
    }
    if (h.path("ShmSize").asLong(0) < 0) {
      throw bad("SHM size can not be less than 0");
    }
    Long shm = positive(h, "ShmSize");
    List<ContainerResources.Ulimit> ulimits = ulimits(h.path("Ulimits"));
    if (memory == null && swap == null && reservation == null && nanoCpus == null
        && h.path("CpuShares").asLong(0) <= 0 && period == null && quota == null && cpuset.isEmpty()
        && pids == null && ulimits.isEmpty() && shm == null) {
      return null;
    }
    return new ContainerResources(memory, swap, reservation, nanoCpus, positive(h, "CpuShares"), period, quota,
        cpuset.isEmpty() ? null : cpuset, pids, ulimits, shm);
  }

  private static List<ContainerResources.Ulimit> ulimits(JsonNode list) {
    List<ContainerResources.Ulimit> out = new ArrayList<>();
    for (JsonNode u : list) {
      String name = u.path("Name").asText("");
      if (!ULIMITS.contains(name)) {
        throw bad("invalid ulimit type: " + name);
      }
      long soft = u.path("Soft").asLong(0);
      long hard = u.path("Hard").asLong(0);
      if (soft > hard && hard != -1) {
        throw bad("ulimit soft limit must be less than or equal to hard limit: " + soft + " > " + hard);
      }
      out.add(new ContainerResources.Ulimit(name, soft, hard));
    }
    return out;
  }

  /** The security options of {@code hostConfig}; null when all are Docker's defaults. */
  public static ContainerSecurity security(JsonNode h) {
    boolean privileged = h.path("Privileged").asBoolean(false);
    List<String> add = capabilities(h.path("CapAdd"));
    List<String> drop = capabilities(h.path("CapDrop"));
    boolean readonly = h.path("ReadonlyRootfs").asBoolean(false);
    boolean noNewPrivileges = false;
    String seccomp = null;
    for (JsonNode opt : h.path("SecurityOpt")) {
      String o = opt.asText("");
      if (o.equals("no-new-privileges") || o.equals("no-new-privileges=true") || o.equals("no-new-privileges:true")) {
        noNewPrivileges = true;
      } else if (o.equals("no-new-privileges=false") || o.equals("no-new-privileges:false")) {
        noNewPrivileges = false;
      } else if (o.startsWith("seccomp=") || o.startsWith("seccomp:")) {
        seccomp = o.substring("seccomp=".length());
        if (seccomp.equals("builtin")) {
          seccomp = null; // Docker's name for the default profile
          continue;
        }
        if (!seccomp.equals("unconfined") && !seccomp.strip().startsWith("{")) {
          throw bad("invalid seccomp profile: the docker CLI sends a profile's JSON content; got \"" + seccomp + "\"");
        }
        if (!seccomp.equals("unconfined")) {
          try {
            SeccompProfile.parse(seccomp); // the node translates it at start; refuse it here, before anything is stored
          } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
          }
        }
      } else if (o.startsWith("label") || o.startsWith("apparmor")) {
        continue; // no SELinux/AppArmor on Berth nodes: accepted and ignored, as Docker does without them
      } else {
        throw bad("Invalid --security-opt: \"" + o + "\"");
      }
    }
    Map<String, String> tmpfs = new LinkedHashMap<>();
    h.path("Tmpfs").fields().forEachRemaining(e -> {
      if (!e.getKey().startsWith("/")) {
        throw bad("invalid mount config for type \"tmpfs\": invalid mount path: '" + e.getKey() + "' mount path must be absolute");
      }
      tmpfs.put(e.getKey(), e.getValue().asText(""));
    });
    // --mount type=tmpfs,destination=/x[,tmpfs-size=N][,tmpfs-mode=M] is a tmpfs like --tmpfs.
    for (JsonNode m : h.path("Mounts")) {
      if ("tmpfs".equals(m.path("Type").asText(""))) {
        String target = m.path("Target").asText("");
        if (!target.startsWith("/")) {
          throw bad("invalid mount config for type \"tmpfs\": invalid mount path: '" + target + "' mount path must be absolute");
        }
        List<String> options = new ArrayList<>();
        long size = m.path("TmpfsOptions").path("SizeBytes").asLong(0);
        if (size > 0) {
          options.add("size=" + size);
        }
        int mode = m.path("TmpfsOptions").path("Mode").asInt(0);
        if (mode > 0) {
          options.add("mode=" + Integer.toOctalString(mode));
        }
        tmpfs.put(target, String.join(",", options));
      }
    }
    boolean init = h.path("Init").asBoolean(false);
    List<ContainerDevice> devices = DeviceOptions.devices(h.path("Devices"));
    List<String> cgroupRules = DeviceOptions.cgroupRules(h.path("DeviceCgroupRules"));
    if (!privileged && add.isEmpty() && drop.isEmpty() && !readonly && !noNewPrivileges && seccomp == null
        && tmpfs.isEmpty() && !init && devices.isEmpty() && cgroupRules.isEmpty()) {
      return null;
    }
    return new ContainerSecurity(privileged, add, drop, readonly, noNewPrivileges, seccomp, tmpfs, init,
        devices, cgroupRules);
  }

  /** Log rotation of {@code hostConfig}'s LogConfig; null when the log is never rotated. */
  public static ContainerLogConfig logConfig(JsonNode h) {
    return LogOptions.of(h.path("LogConfig"));
  }

  // Docker accepts "chown", "CHOWN" and "CAP_CHOWN"; the wire form is "CAP_CHOWN" (or "ALL").
  private static List<String> capabilities(JsonNode list) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : list) {
      String c = n.asText("").toUpperCase(Locale.ROOT);
      if (!c.equals("ALL") && !c.startsWith("CAP_")) {
        c = "CAP_" + c;
      }
      if (!c.equals("ALL") && !ContainerSecurity.LINUX_CAPABILITIES.contains(c)) {
        throw bad("unknown capability: \"" + n.asText("") + "\"");
      }
      out.add(c);
    }
    return out;
  }

  /** {@code ConsoleSize [height, width]}: the terminal's size at start (the CLI sends its own). */
  public static List<Integer> consoleSize(JsonNode h) {
    JsonNode size = h.path("ConsoleSize");
    if (!size.isArray() || size.size() != 2 || size.get(0).asInt(0) <= 0 || size.get(1).asInt(0) <= 0) {
      return null;
    }
    return List.of(size.get(0).asInt(), size.get(1).asInt());
  }

  private static Long positive(JsonNode h, String field) {
    long v = h.path(field).asLong(0);
    return v > 0 ? v : null;
  }

  private static InvalidArgumentException bad(String message) {
    return new InvalidArgumentException(message);
  }
}
