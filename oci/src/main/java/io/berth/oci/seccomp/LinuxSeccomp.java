package io.berth.oci.seccomp;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigInteger;
import java.util.List;

/**
 * The runtime-spec's {@code linux.seccomp} section (config-linux.md "Seccomp"), as written into a
 * bundle's config.json; what runc and crun load with libseccomp.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LinuxSeccomp(
    String defaultAction,
    Integer defaultErrnoRet,
    List<String> architectures,
    List<String> flags,
    List<Syscall> syscalls) {

  public LinuxSeccomp {
    architectures = architectures == null ? List.of() : List.copyOf(architectures);
    flags = flags == null ? List.of() : List.copyOf(flags);
    syscalls = syscalls == null ? List.of() : List.copyOf(syscalls);
  }

  /** One rule: {@code action} for {@code names} when every argument condition holds. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Syscall(List<String> names, String action, Integer errnoRet, List<Arg> args) {
    public Syscall {
      names = List.copyOf(names);
      args = args == null ? List.of() : List.copyOf(args);
    }
  }

  /** A condition on argument {@code index}; values are unsigned 64-bit numbers. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Arg(int index, BigInteger value, BigInteger valueTwo, String op) {}
}
