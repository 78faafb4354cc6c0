package io.berth.gateway.system;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** Builds the GET /info document in dockerd 20.10's shape from Berth's and the host's facts. */
public final class EngineInfo {

  /** What changes between calls: counts, the clock and process/host state read per request. */
  public record Live(
      EngineCounts.Counts counts, Instant now, int openFds, int threads, boolean ipv4Forwarding) {}

  private EngineInfo() {}

  public static JsonObject build(
      String id, String berthHome, String serverVersion, HostFacts host, Live live) {
    EngineCounts.Counts c = live.counts();
    JsonArray warnings = new JsonArray();
    if (!live.ipv4Forwarding()) {
      warnings.add("WARNING: IPv4 forwarding is disabled");
    }
    return new JsonObject()
        .put("ID", id)
        .put("Containers", c.containers())
        .put("ContainersRunning", c.running())
        .put("ContainersPaused", c.paused())
        .put("ContainersStopped", c.stopped())
        .put("Images", c.images())
        .put("Driver", "overlay")
        .put("DriverStatus", new JsonArray())
        .put(
            "Plugins",
            new JsonObject()
                .put("Volume", new JsonArray(List.of("local")))
                .put("Network", new JsonArray(List.of("bridge", "host", "null")))
                .putNull("Authorization")
                .put("Log", new JsonArray(List.of("json-file"))))
        .put("MemoryLimit", true)
        .put("SwapLimit", true)
        .put("KernelMemory", false)
        .put("KernelMemoryTCP", false)
        .put("CpuCfsPeriod", true)
        .put("CpuCfsQuota", true)
        .put("CPUShares", true)
        .put("CPUSet", true)
        .put("PidsLimit", true)
        .put("IPv4Forwarding", live.ipv4Forwarding())
        .put("BridgeNfIptables", false)
        .put("BridgeNfIp6tables", false)
        .put("Debug", false)
        .put("NFd", live.openFds())
        .put("OomKillDisable", false)
        // dockerd counts goroutines; a JVM's nearest equivalent is its live threads.
        .put("NGoroutines", live.threads())
        .put("SystemTime", live.now().toString())
        .put("LoggingDriver", "json-file")
        .put("CgroupDriver", "cgroupfs")
        .put("CgroupVersion", host.cgroupVersion())
        .put("NEventsListener", 0)
        .put("KernelVersion", host.kernelVersion())
        .put("OperatingSystem", host.operatingSystem())
        .put("OSVersion", host.osVersion())
        .put("OSType", "linux")
        .put("Architecture", host.architecture())
        .put("IndexServerAddress", "https://index.docker.io/v1/")
        .put("RegistryConfig", registryConfig())
        .put("NCPU", host.ncpu())
        .put("MemTotal", host.memTotal())
        .putNull("GenericResources")
        .put("DockerRootDir", berthHome)
        .put("HttpProxy", "")
        .put("HttpsProxy", "")
        .put("NoProxy", "")
        .put("Name", host.hostname())
        .put("Labels", new JsonArray())
        .put("ExperimentalBuild", false)
        .put("ServerVersion", serverVersion)
        .put(
            "Runtimes",
            new JsonObject()
                .put("runc", new JsonObject().put("path", "runc"))
                .put("crun", new JsonObject().put("path", "crun")))
        .put("DefaultRuntime", "runc")
        .put("Swarm", swarmInactive())
        .put("LiveRestoreEnabled", false)
        .put("Isolation", "")
        .put("InitBinary", "")
        .put("ContainerdCommit", new JsonObject().put("ID", "").put("Expected", ""))
        .put("RuncCommit", new JsonObject().put("ID", "").put("Expected", ""))
        .put("InitCommit", new JsonObject().put("ID", "").put("Expected", ""))
        .put("SecurityOptions", new JsonArray())
        .put("Warnings", warnings);
  }

  private static JsonObject registryConfig() {
    return new JsonObject()
        .put("AllowNondistributableArtifactsCIDRs", new JsonArray())
        .put("AllowNondistributableArtifactsHostnames", new JsonArray())
        .put("InsecureRegistryCIDRs", new JsonArray(List.of("127.0.0.0/8")))
        .put(
            "IndexConfigs",
            new JsonObject()
                .put(
                    "docker.io",
                    new JsonObject()
                        .put("Name", "docker.io")
                        .put("Mirrors", new JsonArray())
                        .put("Secure", true)
                        .put("Official", true)))
        .put("Mirrors", new JsonArray());
  }

  private static JsonObject swarmInactive() {
    return new JsonObject()
        .put("NodeID", "")
        .put("NodeAddr", "")
        .put("LocalNodeState", "inactive")
        .put("ControlAvailable", false)
        .put("Error", "")
        .putNull("RemoteManagers");
  }
}
