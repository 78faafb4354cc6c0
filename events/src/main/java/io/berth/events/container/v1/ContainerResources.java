package io.berth.events.container.v1;

import io.berth.events.Collections2;
import java.util.List;

/**
 * Resource limits of a container, as the user asked for them (Docker's HostConfig names, already
 * validated by container-service); null = not set, the node's default applies.
 *
 * @param memoryBytes memory limit ({@code -m})
 * @param memorySwapBytes memory plus swap limit ({@code --memory-swap}); -1 = unlimited swap
 * @param memoryReservationBytes soft memory limit ({@code --memory-reservation})
 * @param nanoCpus CPU quota in billionths of a CPU ({@code --cpus})
 * @param cpuShares relative CPU weight ({@code --cpu-shares}, cgroup v1 shares)
 * @param cpuPeriodMicros CFS period ({@code --cpu-period})
 * @param cpuQuotaMicros CFS quota per period ({@code --cpu-quota})
 * @param cpusetCpus CPUs the container may use, e.g. {@code 0-1,3} ({@code --cpuset-cpus})
 * @param pidsLimit maximum number of tasks ({@code --pids-limit}); -1 or 0 = unlimited
 * @param ulimits process rlimits ({@code --ulimit}); the node clamps them to its own hard limits
 * @param shmSizeBytes size of {@code /dev/shm} ({@code --shm-size})
 */
public record ContainerResources(
    Long memoryBytes,
    Long memorySwapBytes,
    Long memoryReservationBytes,
    Long nanoCpus,
    Long cpuShares,
    Long cpuPeriodMicros,
    Long cpuQuotaMicros,
    String cpusetCpus,
    Long pidsLimit,
    List<Ulimit> ulimits,
    Long shmSizeBytes) {

  public ContainerResources {
    ulimits = Collections2.list(ulimits);
  }

  /** One rlimit: Docker's name ({@code nofile}, {@code nproc}, ...) with soft and hard values. */
  public record Ulimit(String name, long soft, long hard) {}
}
