package io.berth.node.oci;

import io.berth.events.container.v1.ContainerResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/** Turns a container's resource limits into the spec's linux.resources and process.rlimits. */
final class LinuxResources {
  private static final Logger LOG = Logger.getLogger(LinuxResources.class);
  /** Docker's CFS period for {@code --cpus}. */
  static final long CPU_PERIOD = 100_000;

  private LinuxResources() {}

  /** {@code r} may be null (no limits): only the device rules remain. */
  static RuntimeSpec.Resources resources(ContainerResources r, List<RuntimeSpec.DeviceRule> devices) {
    if (r == null) {
      return new RuntimeSpec.Resources(devices);
    }
    RuntimeSpec.Memory memory = null;
    if (r.memoryBytes() != null || r.memoryReservationBytes() != null) {
      Long swap = r.memorySwapBytes();
      if (swap == null && r.memoryBytes() != null) {
        swap = 2 * r.memoryBytes(); // Docker: as much swap as memory unless told otherwise
      }
      memory = new RuntimeSpec.Memory(r.memoryBytes(), r.memoryReservationBytes(), swap);
    }
    RuntimeSpec.Cpu cpu = null;
    Long quota = r.cpuQuotaMicros();
    Long period = r.cpuPeriodMicros();
    if (r.nanoCpus() != null) {
      period = CPU_PERIOD;
      quota = r.nanoCpus() * CPU_PERIOD / 1_000_000_000L;
    }
    if (quota != null || period != null || r.cpuShares() != null || r.cpusetCpus() != null) {
      cpu = new RuntimeSpec.Cpu(r.cpuShares(), quota, period, r.cpusetCpus());
    }
    RuntimeSpec.Pids pids = r.pidsLimit() != null && r.pidsLimit() > 0 ? new RuntimeSpec.Pids(r.pidsLimit()) : null;
    return new RuntimeSpec.Resources(devices, memory, cpu, pids);
  }

  /** What {@code runc/crun update} takes: memory, CPU and pids limits only (devices stay as created). */
  static RuntimeSpec.Resources updatable(ContainerResources r) {
    RuntimeSpec.Resources all = resources(r, null);
    return new RuntimeSpec.Resources(null, all.memory(), all.cpu(), all.pids());
  }

  /**
   * The default RLIMIT_NOFILE plus the user's ulimits (which replace a default of the same type),
   * every one clamped to the host's hard limit: the runtime could not raise it, and a clamp is
   * better than a cryptic "operation not permitted" at start.
   */
  static List<RuntimeSpec.Rlimit> rlimits(ContainerResources r, HostLimits host) {
    List<RuntimeSpec.Rlimit> out = new ArrayList<>();
    long nofile = clamp(DockerDefaults.MAX_NOFILE, host.hard("RLIMIT_NOFILE"));
    out.add(new RuntimeSpec.Rlimit("RLIMIT_NOFILE", nofile, nofile));
    if (r == null) {
      return out;
    }
    for (ContainerResources.Ulimit u : r.ulimits()) {
      String type = "RLIMIT_" + u.name().toUpperCase(Locale.ROOT);
      long max = host.hard(type);
      long hard = clamp(u.hard() < 0 ? RuntimeSpec.Rlimit.UNLIMITED : u.hard(), max);
      long soft = clamp(u.soft() < 0 ? RuntimeSpec.Rlimit.UNLIMITED : u.soft(), hard);
      if (hard != u.hard() || soft != u.soft()) {
        LOG.infof("ulimit %s=%d:%d lowered to %d:%d, the node's hard limit", u.name(), u.soft(), u.hard(), soft, hard);
      }
      out.removeIf(l -> l.type().equals(type));
      out.add(new RuntimeSpec.Rlimit(type, hard, soft));
    }
    return out;
  }

  /** min(value, max) where {@link RuntimeSpec.Rlimit#UNLIMITED} is the largest value. */
  static long clamp(long value, long max) {
    if (max == RuntimeSpec.Rlimit.UNLIMITED) {
      return value;
    }
    return value == RuntimeSpec.Rlimit.UNLIMITED ? max : Math.min(value, max);
  }
}
