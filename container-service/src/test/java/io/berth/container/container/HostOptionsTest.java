package io.berth.container.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.InvalidArgumentException;
import io.berth.events.container.v1.ContainerDevice;
import io.berth.events.container.v1.ContainerLogConfig;
import io.berth.events.container.v1.ContainerResources;
import io.berth.events.container.v1.ContainerSecurity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostOptionsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode h(String json) throws Exception {
    return JSON.readTree(json);
  }

  // What docker CLI 28 sends for: -m 16m --memory-swap 32m --cpus 0.5 --pids-limit 20 --ulimit nofile=512:1024 --shm-size 8m
  @Test
  void cliLimitsBecomeResources() throws Exception {
    ContainerResources r = HostOptions.resources(h("{\"Memory\":16777216,\"MemorySwap\":33554432,"
        + "\"MemoryReservation\":0,\"NanoCpus\":500000000,\"CpuShares\":0,\"CpusetCpus\":\"0\",\"PidsLimit\":20,"
        + "\"Ulimits\":[{\"Name\":\"nofile\",\"Hard\":1024,\"Soft\":512}],\"ShmSize\":8388608}"));
    assertEquals(16777216L, r.memoryBytes());
    assertEquals(33554432L, r.memorySwapBytes());
    assertNull(r.memoryReservationBytes());
    assertEquals(500000000L, r.nanoCpus());
    assertNull(r.cpuShares());
    assertEquals("0", r.cpusetCpus());
    assertEquals(20L, r.pidsLimit());
    assertEquals(List.of(new ContainerResources.Ulimit("nofile", 512, 1024)), r.ulimits());
    assertEquals(8388608L, r.shmSizeBytes());
  }

  @Test
  void consoleSizeIsTakenOnlyWhenTheClientHasATerminal() throws Exception {
    assertEquals(java.util.List.of(33, 120), HostOptions.consoleSize(h("{\"ConsoleSize\":[33,120]}")));
    assertNull(HostOptions.consoleSize(h("{\"ConsoleSize\":[0,0]}")), "docker run without -t sends [0,0]");
    assertNull(HostOptions.consoleSize(h("{}")));
  }

  @Test
  void defaultsAreNull() throws Exception {
    JsonNode cliDefaults = h("{\"Memory\":0,\"MemorySwap\":0,\"NanoCpus\":0,\"PidsLimit\":null,\"Ulimits\":[],"
        + "\"ShmSize\":0,\"CapAdd\":null,\"Privileged\":false,\"SecurityOpt\":null,\"Init\":null}");
    assertNull(HostOptions.resources(cliDefaults));
    assertNull(HostOptions.security(cliDefaults));
  }

  @Test
  void dockersValidationMessages() {
    assertEquals("Minimum memory limit allowed is 6MB", reject("{\"Memory\":1048576}"));
    assertEquals("You should always set the Memory limit when using Memoryswap limit, see usage",
        reject("{\"MemorySwap\":33554432}"));
    assertEquals("Minimum memoryswap limit should be larger than memory limit, see usage",
        reject("{\"Memory\":33554432,\"MemorySwap\":16777216}"));
    assertEquals("Minimum memory limit can not be less than memory reservation limit, see usage",
        reject("{\"Memory\":16777216,\"MemoryReservation\":33554432}"));
    assertEquals("Invalid value 0-x for cpuset cpus", reject("{\"CpusetCpus\":\"0-x\"}"));
    assertEquals("invalid ulimit type: nofiles", reject("{\"Ulimits\":[{\"Name\":\"nofiles\",\"Soft\":1,\"Hard\":1}]}"));
    assertEquals("ulimit soft limit must be less than or equal to hard limit: 2 > 1",
        reject("{\"Ulimits\":[{\"Name\":\"nofile\",\"Soft\":2,\"Hard\":1}]}"));
    assertEquals("unknown capability: \"CAP_FLY\"", reject("{\"CapAdd\":[\"CAP_FLY\"]}"));
    assertTrue(reject("{\"SecurityOpt\":[\"seccomp=/etc/profile.json\"]}").startsWith("invalid seccomp profile"));
    assertTrue(reject("{\"Tmpfs\":{\"run\":\"\"}}").contains("must be absolute"));
    assertTrue(reject("{\"NanoCpus\":500000000,\"CpuQuota\":50000}").startsWith("Conflicting options"));
  }

  @Test
  void securityOptions() throws Exception {
    ContainerSecurity s = HostOptions.security(h("{\"Privileged\":true,\"CapAdd\":[\"sys_admin\",\"ALL\"],"
        + "\"CapDrop\":[\"CHOWN\"],\"ReadonlyRootfs\":true,\"SecurityOpt\":[\"no-new-privileges\",\"seccomp=unconfined\"],"
        + "\"Tmpfs\":{\"/run\":\"size=1m\",\"/tmp\":\"\"},\"Init\":true}"));
    assertTrue(s.privileged());
    assertEquals(List.of("CAP_SYS_ADMIN", "ALL"), s.capAdd());
    assertEquals(List.of("CAP_CHOWN"), s.capDrop());
    assertTrue(s.readonlyRootfs());
    assertTrue(s.noNewPrivileges());
    assertEquals("unconfined", s.seccomp());
    assertEquals(Map.of("/run", "size=1m", "/tmp", ""), s.tmpfs());
    assertTrue(s.init());
  }

  @Test
  void customSeccompProfilesAreValidatedAndKept() throws Exception {
    String profile = "{\\\"defaultAction\\\":\\\"SCMP_ACT_ALLOW\\\",\\\"syscalls\\\":[{\\\"names\\\":[\\\"mkdir\\\"],"
        + "\\\"action\\\":\\\"SCMP_ACT_ERRNO\\\"}]}";
    ContainerSecurity s = HostOptions.security(h("{\"SecurityOpt\":[\"seccomp=" + profile + "\"]}"));
    assertEquals(JSON.readTree(profile.replace("\\\"", "\"")), JSON.readTree(s.seccomp()));
    assertEquals("invalid seccomp profile: defaultAction: unknown action \"SCMP_ACT_MAYBE\"",
        reject("{\"SecurityOpt\":[\"seccomp={\\\"defaultAction\\\":\\\"SCMP_ACT_MAYBE\\\"}\"]}"));
    assertTrue(reject("{\"SecurityOpt\":[\"seccomp={\\\"defaultAction\\\":\"]}").startsWith("invalid seccomp profile: not valid JSON"));
  }

  // What docker CLI 28 sends for --device /dev/null:/dev/mynull --device /dev/zero:/dev/z:r --device-cgroup-rule 'c 1:3 rw'
  @Test
  void devicesAndCgroupRules() throws Exception {
    ContainerSecurity s = HostOptions.security(h("{\"Devices\":[{\"PathOnHost\":\"/dev/null\",\"PathInContainer\":\"/dev/mynull\","
        + "\"CgroupPermissions\":\"rwm\"},{\"PathOnHost\":\"/dev/zero\",\"PathInContainer\":\"\",\"CgroupPermissions\":\"r\"}],"
        + "\"DeviceCgroupRules\":[\"c 1:3 rw\"]}"));
    assertEquals(List.of(new ContainerDevice("/dev/null", "/dev/mynull", "rwm"), new ContainerDevice("/dev/zero", "/dev/zero", "r")),
        s.devices());
    assertEquals(List.of("c 1:3 rw"), s.deviceCgroupRules());
    assertEquals("invalid device mode: rwx",
        reject("{\"Devices\":[{\"PathOnHost\":\"/dev/null\",\"PathInContainer\":\"/dev/n\",\"CgroupPermissions\":\"rwx\"}]}"));
    assertTrue(reject("{\"Devices\":[{\"PathOnHost\":\"null\"}]}").contains("must be absolute"));
    assertEquals("invalid device cgroup format 'c 1 rw'", reject("{\"DeviceCgroupRules\":[\"c 1 rw\"]}"));
  }

  @Test
  void jsonFileLogRotationOptions() throws Exception {
    assertNull(HostOptions.logConfig(h("{\"LogConfig\":{\"Type\":\"\",\"Config\":{}}}")));
    assertEquals(new ContainerLogConfig(10240L, 3),
        HostOptions.logConfig(h("{\"LogConfig\":{\"Type\":\"\",\"Config\":{\"max-size\":\"10k\",\"max-file\":\"3\"}}}")));
    assertEquals(new ContainerLogConfig(1536L * 1024, 1),
        HostOptions.logConfig(h("{\"LogConfig\":{\"Type\":\"json-file\",\"Config\":{\"max-size\":\"1.5m\"}}}")));
    assertEquals(new ContainerLogConfig(20L << 20, 5), HostOptions.logConfig(h("{\"LogConfig\":{\"Type\":\"local\"}}")));
    assertTrue(reject("{\"LogConfig\":{\"Type\":\"syslog\"}}").startsWith("logger: no log driver named 'syslog' is registered"));
    assertEquals("unknown log opt 'max-sise' for json-file log driver",
        reject("{\"LogConfig\":{\"Type\":\"json-file\",\"Config\":{\"max-sise\":\"1k\"}}}"));
    assertEquals("invalid max-size for json-file log driver: \"ten\"",
        reject("{\"LogConfig\":{\"Config\":{\"max-size\":\"ten\"}}}"));
    assertEquals("max-file cannot be less than 1",
        reject("{\"LogConfig\":{\"Config\":{\"max-size\":\"1k\",\"max-file\":\"0\"}}}"));
    assertEquals("max-file can only be set with max-size", reject("{\"LogConfig\":{\"Config\":{\"max-file\":\"3\"}}}"));
  }

  private static String reject(String hostConfig) {
    return assertThrows(InvalidArgumentException.class, () -> HostOptions.validate(h(hostConfig))).getMessage();
  }
}
