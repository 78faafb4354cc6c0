package io.berth.node.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.events.container.v1.ContainerResources;
import io.berth.events.container.v1.ContainerSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resource limits and security options in config.json (Docker's semantics). */
class SpecOptionsTest {
  @TempDir Path rootfs;
  private final ObjectMapper json = new ObjectMapper();
  // A host like these machines: hard nofile 20000, nproc 96365, everything but CAP_SYS_RESOURCE.
  static final HostLimits HOST = new HostLimits(
      Map.of("RLIMIT_NOFILE", 20000L, "RLIMIT_NPROC", 96365L, "RLIMIT_CORE", RuntimeSpec.Rlimit.UNLIMITED),
      Set.copyOf(ContainerSecurity.LINUX_CAPABILITIES.stream().filter(c -> !c.equals("CAP_SYS_RESOURCE")).toList()));

  private JsonNode build(ContainerResources r, ContainerSecurity s, Path init) throws Exception {
    RuntimeSpec spec = new SpecBuilder(new UserResolver(), HOST, Path.of("/dev"), init)
        .build("c1", rootfs, new SpecBuilder.ContainerProcess(List.of("sh"), List.of(), "/", "0", "box", r, s));
    return json.readTree(json.writeValueAsString(spec));
  }

  static ContainerSecurity security(boolean privileged, List<String> add, List<String> drop) {
    return new ContainerSecurity(privileged, add, drop, false, false, null, Map.of(), false);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void resourcesBecomeLinuxResources() throws Exception {
    JsonNode spec = build(new ContainerResources(16L << 20, null, 8L << 20, 1_500_000_000L, 512L, null, null, "0-1", 50L,
        List.of(), 1L << 20), null, null);
    assertEquals("{\"devices\":[{\"allow\":false,\"access\":\"rwm\"}],"
        + "\"memory\":{\"limit\":16777216,\"reservation\":8388608,\"swap\":33554432},"
        + "\"cpu\":{\"shares\":512,\"quota\":150000,\"period\":100000,\"cpus\":\"0-1\"},"
        + "\"pids\":{\"limit\":50}}", spec.at("/linux/resources").toString());
    JsonNode shm = spec.at("/mounts/6");
    assertEquals("/dev/shm", shm.get("destination").asText());
    assertTrue(texts(shm.get("options")).contains("size=1048576"));
    assertFalse(texts(shm.get("options")).contains("size=67108864"));
  }

  @Test
  void ulimitsAreClampedToTheHostsHardLimits() throws Exception {
    JsonNode spec = build(new ContainerResources(null, null, null, null, null, null, null, null, null,
        List.of(new ContainerResources.Ulimit("nofile", 30000, 40000), new ContainerResources.Ulimit("nproc", 10, 20),
            new ContainerResources.Ulimit("core", -1, -1)), null), null, null);
    assertEquals("[{\"type\":\"RLIMIT_NOFILE\",\"hard\":20000,\"soft\":20000},"
        + "{\"type\":\"RLIMIT_NPROC\",\"hard\":20,\"soft\":10},"
        + "{\"type\":\"RLIMIT_CORE\",\"hard\":18446744073709551615,\"soft\":18446744073709551615}]",
        spec.at("/process/rlimits").toString());
  }

  @Test
  void capabilitiesFollowDockersRules() {
    Set<String> host = HOST.capabilities();
    List<String> dropped = SecurityOptions.capabilities(security(false, List.of("CAP_SYS_ADMIN"), List.of("CAP_CHOWN")), host);
    assertTrue(dropped.contains("CAP_SYS_ADMIN"));
    assertFalse(dropped.contains("CAP_CHOWN"));
    assertEquals(DockerDefaults.CAPABILITIES.size(), dropped.size());
    assertEquals(List.of("CAP_NET_BIND_SERVICE"),
        SecurityOptions.capabilities(security(false, List.of("CAP_NET_BIND_SERVICE"), List.of("ALL")), host));
    List<String> all = SecurityOptions.capabilities(security(false, List.of("ALL"), List.of("CAP_MKNOD")), host);
    assertEquals(host.size() - 1, all.size());
    assertFalse(all.contains("CAP_SYS_RESOURCE"), "never beyond the host's bounding set");
    assertEquals(List.of(), SecurityOptions.capabilities(security(false, List.of("CAP_SYS_RESOURCE"), List.of("ALL")), host));
  }

  @Test
  void privilegedGetsTheBoundingSetDevicesAndNoMaskedPaths() throws Exception {
    JsonNode spec = build(null, security(true, List.of(), List.of()), null);
    List<String> caps = texts(spec.at("/process/capabilities/bounding"));
    assertEquals(HOST.capabilities().size(), caps.size());
    assertTrue(caps.contains("CAP_SYS_ADMIN"));
    assertFalse(caps.contains("CAP_SYS_RESOURCE"));
    assertTrue(spec.at("/linux/maskedPaths").isMissingNode());
    assertTrue(spec.at("/linux/readonlyPaths").isMissingNode());
    assertEquals("{\"allow\":true,\"access\":\"rwm\"}", spec.at("/linux/resources/devices/0").toString());
    List<String> devices = new ArrayList<>();
    spec.at("/linux/devices").forEach(d -> devices.add(d.get("path").asText()));
    if (Files.exists(Path.of("/dev/loop0"))) {
      assertTrue(devices.contains("/dev/loop0"), devices.toString());
    }
    assertFalse(devices.contains("/dev/null"), "the runtime creates the standard devices itself");
    assertTrue(devices.stream().noneMatch(d -> d.startsWith("/dev/pts/")));
    spec.at("/mounts").forEach(m -> {
      if (m.get("type").asText().equals("sysfs")) {
        assertFalse(texts(m.get("options")).contains("ro"), "privileged: /sys writable");
      }
    });
  }

  @Test
  void readOnlyNoNewPrivilegesTmpfsAndInit() throws Exception {
    Map<String, String> tmpfs = new LinkedHashMap<>();
    tmpfs.put("/run", "exec,size=1m");
    tmpfs.put("/dev/shm", "");
    ContainerSecurity s = new ContainerSecurity(false, List.of(), List.of(), true, true, null, tmpfs, true);
    JsonNode spec = build(null, s, Path.of("/usr/bin/tini-static"));
    assertTrue(spec.at("/root/readonly").asBoolean());
    assertTrue(spec.at("/process/noNewPrivileges").asBoolean());
    assertEquals(List.of("/sbin/docker-init", "--", "sh"), texts(spec.at("/process/args")));
    List<String> mounts = new ArrayList<>();
    spec.at("/mounts").forEach(m -> mounts.add(m.get("destination").asText() + " " + m.get("type").asText() + " "
        + String.join(",", texts(m.get("options")))));
    assertTrue(mounts.contains("/run tmpfs rw,nosuid,nodev,exec,size=1m"), mounts.toString());
    assertTrue(mounts.contains("/dev/shm tmpfs rw,noexec,nosuid,nodev"), mounts.toString());
    assertEquals(1, mounts.stream().filter(m -> m.startsWith("/dev/shm ")).count(), "--tmpfs replaces the default");
    assertTrue(mounts.contains("/sbin/docker-init bind bind,ro,nosuid,nodev"), mounts.toString());
  }

  @Test
  void initWithoutABinaryOnTheNodeIsAClearError() {
    ContainerSecurity s = new ContainerSecurity(false, List.of(), List.of(), false, false, null, Map.of(), true);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build(null, s, null));
    assertTrue(e.getMessage().contains("tini"), e.getMessage());
  }

  @Test
  void hostLimitsParseProcFiles() {
    Map<String, Long> limits = HostLimits.parseLimits(List.of(
        "Limit                     Soft Limit           Hard Limit           Units     ",
        "Max core file size        0                    unlimited            bytes     ",
        "Max open files            20000                20000                files     "));
    assertEquals(20000L, limits.get("RLIMIT_NOFILE"));
    assertEquals(RuntimeSpec.Rlimit.UNLIMITED, limits.get("RLIMIT_CORE"));
    Set<String> caps = HostLimits.parseBounding(List.of("CapInh:\t0000000000000000", "CapBnd:\t000001fffeffffff"));
    assertEquals(40, caps.size());
    assertFalse(caps.contains("CAP_SYS_RESOURCE"));
    assertTrue(caps.contains("CAP_CHECKPOINT_RESTORE"));
  }

  @Test
  void defaultSeccompProfileUnlessPrivilegedOrUnconfined() throws Exception {
    JsonNode plain = build(null, null, null).at("/linux/seccomp");
    assertEquals("SCMP_ACT_ERRNO", plain.get("defaultAction").asText());
    assertEquals(1, plain.get("defaultErrnoRet").asInt());
    assertTrue(texts(plain.get("architectures")).contains("SCMP_ARCH_X86_64") || !System.getProperty("os.arch").equals("amd64"));
    assertFalse(plain.toString().contains("\"mount\""), "mount needs CAP_SYS_ADMIN");
    JsonNode admin = build(null, security(false, List.of("CAP_SYS_ADMIN"), List.of()), null).at("/linux/seccomp");
    assertTrue(admin.toString().contains("\"mount\""));
    assertTrue(build(null, security(true, List.of(), List.of()), null).at("/linux/seccomp").isMissingNode());
    ContainerSecurity unconfined = new ContainerSecurity(false, List.of(), List.of(), false, false, "unconfined", Map.of(), false);
    assertTrue(build(null, unconfined, null).at("/linux/seccomp").isMissingNode());
  }

  @Test
  void customSeccompProfileIsTranslated() throws Exception {
    String profile = "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":["
        + "{\"names\":[\"mkdir\",\"mkdirat\"],\"action\":\"SCMP_ACT_ERRNO\"},"
        + "{\"names\":[\"umount2\"],\"action\":\"SCMP_ACT_ERRNO\",\"includes\":{\"caps\":[\"CAP_SYS_ADMIN\"]}}]}";
    ContainerSecurity s = new ContainerSecurity(false, List.of(), List.of(), false, false, profile, Map.of(), false);
    JsonNode seccomp = build(null, s, null).at("/linux/seccomp");
    assertEquals("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"mkdir\",\"mkdirat\"],"
        + "\"action\":\"SCMP_ACT_ERRNO\"}]}", seccomp.toString());
  }

  @Test
  void devicesAreCreatedAndAllowedInTheDeviceCgroup() throws Exception {
    ContainerSecurity s = new ContainerSecurity(false, List.of(), List.of(), false, false, null, Map.of(), false,
        List.of(new io.berth.events.container.v1.ContainerDevice("/dev/null", "/dev/mynull", "rw")), List.of("c 10:* m"));
    JsonNode spec = build(null, s, null);
    assertEquals("[{\"path\":\"/dev/mynull\",\"type\":\"c\",\"major\":1,\"minor\":3,\"fileMode\":438,\"uid\":0,\"gid\":0}]",
        spec.at("/linux/devices").toString());
    assertEquals("[{\"allow\":false,\"access\":\"rwm\"},{\"allow\":true,\"type\":\"c\",\"major\":1,\"minor\":3,\"access\":\"rw\"},"
        + "{\"allow\":true,\"type\":\"c\",\"major\":10,\"access\":\"m\"}]", spec.at("/linux/resources/devices").toString());
  }

  @Test
  void aMissingHostDeviceFailsWithDockersMessage() {
    ContainerSecurity s = new ContainerSecurity(false, List.of(), List.of(), false, false, null, Map.of(), false,
        List.of(new io.berth.events.container.v1.ContainerDevice("/dev/berth-none", "/dev/x", "rwm")), List.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build(null, s, null));
    assertEquals("error gathering device information while adding custom device \"/dev/berth-none\": no such file or directory",
        e.getMessage());
  }
}
