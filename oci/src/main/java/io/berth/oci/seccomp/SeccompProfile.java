package io.berth.oci.seccomp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A seccomp profile in Docker's format (the JSON {@code docker run --security-opt seccomp=<file>}
 * sends): validated when parsed, then translated per container to the runtime-spec section, keeping
 * only the rules whose {@code includes}/{@code excludes} (capabilities, architecture, minimum
 * kernel) match that container and node.
 */
public final class SeccompProfile {
  static final Set<String> ACTIONS = Set.of(
      "SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_TRAP",
      "SCMP_ACT_ERRNO", "SCMP_ACT_TRACE", "SCMP_ACT_ALLOW", "SCMP_ACT_LOG");
  static final Set<String> OPERATORS = Set.of(
      "SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT",
      "SCMP_CMP_MASKED_EQ");
  static final Set<String> ARCHITECTURES = Set.of(
      "SCMP_ARCH_X86", "SCMP_ARCH_X86_64", "SCMP_ARCH_X32", "SCMP_ARCH_ARM", "SCMP_ARCH_AARCH64",
      "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64", "SCMP_ARCH_MIPS64N32", "SCMP_ARCH_MIPSEL",
      "SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_PPC", "SCMP_ARCH_PPC64",
      "SCMP_ARCH_PPC64LE", "SCMP_ARCH_S390", "SCMP_ARCH_S390X", "SCMP_ARCH_PARISC",
      "SCMP_ARCH_PARISC64", "SCMP_ARCH_RISCV64");
  static final Set<String> FLAGS = Set.of(
      "SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
      "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV");
  private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  /** Docker's wire form; unknown fields (comments, listener settings) are ignored, as Docker does. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Profile(
      String defaultAction,
      Integer defaultErrnoRet,
      List<String> architectures,
      List<ArchMap> archMap,
      List<String> flags,
      List<Rule> syscalls) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ArchMap(String architecture, List<String> subArchitectures) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Rule(
      String name,
      List<String> names,
      String action,
      Integer errnoRet,
      List<LinuxSeccomp.Arg> args,
      Filter includes,
      Filter excludes) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Filter(List<String> caps, List<String> arches, String minKernel) {}

  private final Profile profile;

  private SeccompProfile(Profile profile) {
    this.profile = profile;
  }

  /**
   * Parses and validates a profile's JSON text.
   *
   * @throws IllegalArgumentException with a message naming what is wrong
   */
  public static SeccompProfile parse(String json) {
    Profile p;
    try {
      p = JSON.readValue(json, Profile.class);
    } catch (JsonProcessingException e) {
      throw invalid("not valid JSON: " + e.getOriginalMessage());
    }
    if (p == null) {
      throw invalid("the profile is empty");
    }
    validate(p);
    return new SeccompProfile(p);
  }

  private static void validate(Profile p) {
    if (p.defaultAction() == null || p.defaultAction().isEmpty()) {
      throw invalid("defaultAction is required");
    }
    action(p.defaultAction(), p.defaultErrnoRet(), "defaultAction");
    if (p.architectures() != null && p.archMap() != null) {
      throw invalid("use either 'architectures' or 'archMap'");
    }
    for (String a : p.architectures() == null ? List.<String>of() : p.architectures()) {
      architecture(a);
    }
    for (ArchMap m : p.archMap() == null ? List.<ArchMap>of() : p.archMap()) {
      architecture(m.architecture());
      for (String a : m.subArchitectures() == null ? List.<String>of() : m.subArchitectures()) {
        architecture(a);
      }
    }
    for (String f : p.flags() == null ? List.<String>of() : p.flags()) {
      if (!FLAGS.contains(f)) {
        throw invalid("unknown flag \"" + f + "\"");
      }
    }
    int i = 0;
    for (Rule r : p.syscalls() == null ? List.<Rule>of() : p.syscalls()) {
      String where = "syscalls[" + i++ + "]";
      if (r == null) {
        throw invalid(where + " is null");
      }
      if (r.name() != null && r.names() != null) {
        throw invalid(where + ": use either 'name' or 'names'");
      }
      List<String> names = names(r);
      if (names.isEmpty() || names.stream().anyMatch(n -> n == null || n.isEmpty())) {
        throw invalid(where + ": names must list at least one syscall");
      }
      if (r.action() == null) {
        throw invalid(where + ": action is required");
      }
      action(r.action(), r.errnoRet(), where);
      for (LinuxSeccomp.Arg a : r.args() == null ? List.<LinuxSeccomp.Arg>of() : r.args()) {
        if (a == null || a.index() < 0 || a.index() > 5) {
          throw invalid(where + ": argument index must be 0 to 5");
        }
        if (a.op() == null || !OPERATORS.contains(a.op())) {
          throw invalid(where + ": unknown operator \"" + (a == null ? null : a.op()) + "\"");
        }
        for (BigInteger v : new BigInteger[] {a.value(), a.valueTwo()}) {
          if (v != null && (v.signum() < 0 || v.compareTo(MAX_U64) > 0)) {
            throw invalid(where + ": argument value " + v + " is not an unsigned 64-bit number");
          }
        }
      }
    }
  }

  private static void action(String action, Integer errnoRet, String where) {
    if (action.equals("SCMP_ACT_NOTIFY")) {
      throw invalid(where + ": SCMP_ACT_NOTIFY needs a seccomp agent, which Berth does not run");
    }
    if (!ACTIONS.contains(action)) {
      throw invalid(where + ": unknown action \"" + action + "\"");
    }
    if (errnoRet != null && !action.equals("SCMP_ACT_ERRNO") && !action.equals("SCMP_ACT_TRACE")) {
      throw invalid(where + ": errnoRet is only valid with SCMP_ACT_ERRNO or SCMP_ACT_TRACE");
    }
    if (errnoRet != null && errnoRet < 0) {
      throw invalid(where + ": errnoRet must not be negative");
    }
  }

  private static void architecture(String a) {
    if (a == null || !ARCHITECTURES.contains(a)) {
      throw invalid("unknown architecture \"" + a + "\"");
    }
  }

  private static List<String> names(Rule r) {
    if (r.names() != null) {
      return r.names();
    }
    return r.name() == null ? List.of() : List.of(r.name());
  }

  /**
   * The runtime-spec section for a container with capabilities {@code caps} on a node of
   * architecture {@code arch} ({@code SCMP_ARCH_*}) running kernel {@code kernel} ("6.1.0-…").
   */
  public LinuxSeccomp toRuntime(Set<String> caps, String arch, String kernel) {
    List<String> arches = new ArrayList<>();
    if (profile.archMap() != null) {
      for (ArchMap m : profile.archMap()) {
        if (m.architecture().equals(arch)) {
          arches.add(m.architecture());
          if (m.subArchitectures() != null) {
            arches.addAll(m.subArchitectures());
          }
        }
      }
    } else if (profile.architectures() != null) {
      arches.addAll(profile.architectures());
    }
    List<LinuxSeccomp.Syscall> rules = new ArrayList<>();
    for (Rule r : profile.syscalls() == null ? List.<Rule>of() : profile.syscalls()) {
      if (applies(r, caps, arch, kernel)) {
        rules.add(new LinuxSeccomp.Syscall(names(r), r.action(), r.errnoRet(), r.args()));
      }
    }
    return new LinuxSeccomp(profile.defaultAction(), profile.defaultErrnoRet(), arches, profile.flags(), rules);
  }

  // Docker's semantics: every included capability must be granted, no excluded one may be.
  private static boolean applies(Rule r, Set<String> caps, String arch, String kernel) {
    Filter in = r.includes();
    if (in != null) {
      if (in.caps() != null && !caps.containsAll(in.caps())) {
        return false;
      }
      if (in.arches() != null && !in.arches().isEmpty() && !in.arches().contains(shortArch(arch))) {
        return false;
      }
      if (in.minKernel() != null && KernelVersion.compare(kernel, in.minKernel()) < 0) {
        return false;
      }
    }
    Filter ex = r.excludes();
    if (ex != null) {
      if (ex.caps() != null && ex.caps().stream().anyMatch(caps::contains)) {
        return false;
      }
      if (ex.arches() != null && ex.arches().contains(shortArch(arch))) {
        return false;
      }
    }
    return true;
  }

  // Docker's includes/excludes name architectures as Go does ("amd64", "arm64", ...).
  private static String shortArch(String scmpArch) {
    return switch (scmpArch) {
      case "SCMP_ARCH_X86_64" -> "amd64";
      case "SCMP_ARCH_X86" -> "386";
      case "SCMP_ARCH_X32" -> "x32";
      case "SCMP_ARCH_AARCH64" -> "arm64";
      case "SCMP_ARCH_ARM" -> "arm";
      default -> scmpArch.substring("SCMP_ARCH_".length()).toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** The libseccomp name of the architecture this JVM runs on ({@code os.arch}). */
  public static String nativeArchitecture() {
    return switch (System.getProperty("os.arch")) {
      case "amd64", "x86_64" -> "SCMP_ARCH_X86_64";
      case "aarch64", "arm64" -> "SCMP_ARCH_AARCH64";
      case "x86", "i386", "i686" -> "SCMP_ARCH_X86";
      case "arm" -> "SCMP_ARCH_ARM";
      case "ppc64le" -> "SCMP_ARCH_PPC64LE";
      case "s390x" -> "SCMP_ARCH_S390X";
      case "riscv64" -> "SCMP_ARCH_RISCV64";
      default -> "SCMP_ARCH_" + System.getProperty("os.arch").toUpperCase(java.util.Locale.ROOT);
    };
  }

  private static IllegalArgumentException invalid(String why) {
    return new IllegalArgumentException("invalid seccomp profile: " + why);
  }
}
