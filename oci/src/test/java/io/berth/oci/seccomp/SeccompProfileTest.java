package io.berth.oci.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeccompProfileTest {
  private static final String X86_64 = "SCMP_ARCH_X86_64";

  @Test
  void translatesDockerFormatWithOldAndNewNames() {
    SeccompProfile p = SeccompProfile.parse("""
        {"defaultAction":"SCMP_ACT_ALLOW","architectures":["SCMP_ARCH_X86_64"],
         "syscalls":[{"name":"mkdir","action":"SCMP_ACT_ERRNO"},
                     {"names":["mkdirat","rmdir"],"action":"SCMP_ACT_ERRNO","errnoRet":13,
                      "args":[{"index":1,"value":18446744073709551615,"op":"SCMP_CMP_EQ"}]}],
         "comment":"ignored"}""");
    LinuxSeccomp s = p.toRuntime(Set.of(), X86_64, "6.1.0");
    assertEquals("SCMP_ACT_ALLOW", s.defaultAction());
    assertEquals(List.of("SCMP_ARCH_X86_64"), s.architectures());
    assertEquals(List.of("mkdir"), s.syscalls().get(0).names());
    assertEquals(13, s.syscalls().get(1).errnoRet());
    assertEquals(new BigInteger("18446744073709551615"), s.syscalls().get(1).args().get(0).value());
  }

  @Test
  void archMapKeepsOnlyTheNodesArchitectureAndItsSubArchitectures() {
    SeccompProfile p = SeccompProfile.parse("""
        {"defaultAction":"SCMP_ACT_ERRNO","archMap":[
          {"architecture":"SCMP_ARCH_X86_64","subArchitectures":["SCMP_ARCH_X86","SCMP_ARCH_X32"]},
          {"architecture":"SCMP_ARCH_AARCH64","subArchitectures":["SCMP_ARCH_ARM"]}]}""");
    assertEquals(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"),
        p.toRuntime(Set.of(), X86_64, "6.1").architectures());
    assertEquals(List.of("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"),
        p.toRuntime(Set.of(), "SCMP_ARCH_AARCH64", "6.1").architectures());
  }

  @Test
  void includesAndExcludesFollowCapabilitiesArchesAndKernel() {
    SeccompProfile p = SeccompProfile.parse("""
        {"defaultAction":"SCMP_ACT_ERRNO","syscalls":[
          {"names":["mount"],"action":"SCMP_ACT_ALLOW","includes":{"caps":["CAP_SYS_ADMIN"]}},
          {"names":["clone3"],"action":"SCMP_ACT_ERRNO","errnoRet":38,"excludes":{"caps":["CAP_SYS_ADMIN"]}},
          {"names":["ptrace"],"action":"SCMP_ACT_ALLOW","includes":{"minKernel":"4.8"}},
          {"names":["arm_fadvise64_64"],"action":"SCMP_ACT_ALLOW","includes":{"arches":["arm","arm64"]}},
          {"names":["iopl"],"action":"SCMP_ACT_ALLOW","excludes":{"arches":["amd64"]}}]}""");
    assertEquals(Set.of("clone3", "ptrace"), names(p.toRuntime(Set.of("CAP_CHOWN"), X86_64, "6.1.0-18-amd64")));
    assertEquals(Set.of("mount", "ptrace"), names(p.toRuntime(Set.of("CAP_SYS_ADMIN"), X86_64, "5.10")));
    assertEquals(Set.of("clone3"), names(p.toRuntime(Set.of(), X86_64, "4.4.0")));
    assertEquals(Set.of("clone3", "ptrace", "arm_fadvise64_64", "iopl"),
        names(p.toRuntime(Set.of(), "SCMP_ARCH_AARCH64", "6.1")));
  }

  @Test
  void refusesWhatRuntimesWouldRejectWithAClearMessage() {
    assertInvalid("not valid JSON", "{\"defaultAction\":");
    assertInvalid("defaultAction is required", "{\"syscalls\":[]}");
    assertInvalid("unknown action \"SCMP_ACT_MAYBE\"", "{\"defaultAction\":\"SCMP_ACT_MAYBE\"}");
    assertInvalid("syscalls[0]: unknown action \"ALLOW\"",
        "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"read\"],\"action\":\"ALLOW\"}]}");
    assertInvalid("syscalls[0]: names must list at least one syscall",
        "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[],\"action\":\"SCMP_ACT_ALLOW\"}]}");
    assertInvalid("use either 'name' or 'names'",
        "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"name\":\"a\",\"names\":[\"b\"],\"action\":\"SCMP_ACT_ALLOW\"}]}");
    assertInvalid("unknown operator \"SCMP_CMP_LIKE\"",
        "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"a\"],\"action\":\"SCMP_ACT_ALLOW\","
            + "\"args\":[{\"index\":0,\"value\":1,\"op\":\"SCMP_CMP_LIKE\"}]}]}");
    assertInvalid("argument index must be 0 to 5",
        "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"a\"],\"action\":\"SCMP_ACT_ALLOW\","
            + "\"args\":[{\"index\":6,\"value\":1,\"op\":\"SCMP_CMP_EQ\"}]}]}");
    assertInvalid("unknown architecture \"SCMP_ARCH_Z80\"",
        "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"architectures\":[\"SCMP_ARCH_Z80\"]}");
    assertInvalid("use either 'architectures' or 'archMap'",
        "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"architectures\":[],\"archMap\":[]}");
    assertInvalid("errnoRet is only valid with SCMP_ACT_ERRNO or SCMP_ACT_TRACE",
        "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"defaultErrnoRet\":1}");
    assertInvalid("SCMP_ACT_NOTIFY needs a seccomp agent",
        "{\"defaultAction\":\"SCMP_ACT_NOTIFY\"}");
  }

  @Test
  void defaultProfileDeniesByDefaultAndGatesNamespacesOnCapSysAdmin() throws Exception {
    DefaultSeccompProfile profiles = new DefaultSeccompProfile(X86_64, "6.1.0");
    LinuxSeccomp plain = profiles.forCapabilities(Set.of("CAP_CHOWN", "CAP_SYS_CHROOT"));
    assertEquals("SCMP_ACT_ERRNO", plain.defaultAction());
    assertEquals(1, plain.defaultErrnoRet());
    assertEquals(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"), plain.architectures());
    Set<String> allowed = allowed(plain);
    assertTrue(allowed.containsAll(Set.of("read", "write", "execve", "openat", "mkdirat", "chroot", "ptrace")));
    assertFalse(allowed.contains("mount"));
    assertFalse(allowed.contains("unshare"));
    assertFalse(allowed.contains("setns"));
    assertFalse(allowed.contains("init_module"));
    assertFalse(allowed.contains("keyctl"));
    assertFalse(allowed.contains("clone"), "clone only without namespace flags");
    JsonNode clone = new ObjectMapper().valueToTree(plain.syscalls().stream()
        .filter(s -> s.names().equals(List.of("clone"))).findFirst().orElseThrow());
    assertEquals("SCMP_CMP_MASKED_EQ", clone.at("/args/0/op").asText());
    assertEquals(0x7E020000L, clone.at("/args/0/value").asLong());

    Set<String> admin = allowed(profiles.forCapabilities(Set.of("CAP_SYS_ADMIN", "CAP_SYS_MODULE")));
    assertTrue(admin.containsAll(Set.of("mount", "umount2", "unshare", "setns", "clone", "init_module")));
    assertTrue(profiles.forCapabilities(Set.of("CAP_SYS_ADMIN")).syscalls().stream()
        .noneMatch(s -> s.names().contains("clone3") && s.action().equals("SCMP_ACT_ERRNO")));
  }

  @Test
  void defaultProfileIsTranslatedOncePerCapabilitySet() {
    DefaultSeccompProfile profiles = new DefaultSeccompProfile(X86_64, "6.1.0");
    assertTrue(profiles.forCapabilities(Set.of("CAP_KILL")) == profiles.forCapabilities(Set.of("CAP_KILL")));
  }

  @Test
  void kernelVersionsCompareNumerically() {
    assertTrue(KernelVersion.compare("6.18.44-fc-v782", "4.8") > 0);
    assertTrue(KernelVersion.compare("4.4.0-generic", "4.8") < 0);
    assertEquals(0, KernelVersion.compare("4.8.0", "4.8"));
    assertTrue(KernelVersion.compare("4.10", "4.8") > 0);
  }

  private static Set<String> allowed(LinuxSeccomp s) {
    return s.syscalls().stream()
        .filter(r -> r.action().equals("SCMP_ACT_ALLOW") && r.args().isEmpty())
        .flatMap(r -> r.names().stream())
        .collect(java.util.stream.Collectors.toSet());
  }

  private static Set<String> names(LinuxSeccomp s) {
    return s.syscalls().stream().flatMap(r -> r.names().stream()).collect(java.util.stream.Collectors.toSet());
  }

  private static void assertInvalid(String expected, String json) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeccompProfile.parse(json));
    assertTrue(e.getMessage().startsWith("invalid seccomp profile: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
