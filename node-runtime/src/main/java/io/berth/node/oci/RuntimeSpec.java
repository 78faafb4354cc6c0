package io.berth.node.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;

/**
 * The OCI runtime configuration ({@code config.json}) as far as Berth fills it in.
 *
 * @see <a href="https://github.com/opencontainers/runtime-spec/blob/v1.0.2/config.md">runtime-spec
 *     1.0.2 config.md</a> and config-linux.md
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimeSpec(
    String ociVersion,
    Process process,
    Root root,
    String hostname,
    List<Mount> mounts,
    Linux linux) {

  public static final String OCI_VERSION = "1.0.2";

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Process(
      boolean terminal,
      User user,
      List<String> args,
      List<String> env,
      String cwd,
      Capabilities capabilities,
      List<Rlimit> rlimits,
      boolean noNewPrivileges,
      ConsoleSize consoleSize) {
    public Process(boolean terminal, User user, List<String> args, List<String> env, String cwd,
        Capabilities capabilities, List<Rlimit> rlimits, boolean noNewPrivileges) {
      this(terminal, user, args, env, cwd, capabilities, rlimits, noNewPrivileges, null);
    }
  }

  /** The terminal's initial size (only with {@code terminal}). */
  public record ConsoleSize(int height, int width) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record User(int uid, int gid, List<Integer> additionalGids) {}

  public record Capabilities(
      List<String> bounding,
      List<String> effective,
      List<String> inheritable,
      List<String> permitted,
      List<String> ambient) {}

  /** One rlimit; {@link #UNLIMITED} (-1) is written as RLIM_INFINITY (2^64-1), as runtimes expect. */
  public record Rlimit(
      String type,
      @JsonSerialize(using = Unsigned.class) long hard,
      @JsonSerialize(using = Unsigned.class) long soft) {
    public static final long UNLIMITED = -1;
  }

  /** Writes a long as an unsigned 64-bit number. */
  static final class Unsigned extends JsonSerializer<Long> {
    @Override
    public void serialize(Long value, JsonGenerator gen, SerializerProvider provider)
        throws java.io.IOException {
      gen.writeNumber(Long.toUnsignedString(value));
    }
  }

  public record Root(String path, boolean readonly) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Mount(String destination, String type, String source, List<String> options) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Linux(
      List<Namespace> namespaces,
      String cgroupsPath,
      Resources resources,
      List<String> maskedPaths,
      List<String> readonlyPaths,
      List<Device> devices,
      io.berth.oci.seccomp.LinuxSeccomp seccomp) {}

  /** A device node to create in the container's /dev. */
  public record Device(String path, String type, long major, long minor, int fileMode, int uid, int gid) {}

  /** A namespace to create ({@code path} null) or join. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Namespace(String type, String path) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Resources(List<DeviceRule> devices, Memory memory, Cpu cpu, Pids pids) {
    public Resources(List<DeviceRule> devices) {
      this(devices, null, null, null);
    }
  }

  /** Bytes; {@code swap} is memory plus swap, as Docker's MemorySwap. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Memory(Long limit, Long reservation, Long swap) {}

  /** CFS shares, quota and period (microseconds), and the cpuset. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Cpu(Long shares, Long quota, Long period, String cpus) {}

  public record Pids(long limit) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {}
}
