package io.berth.node.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
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
      boolean noNewPrivileges) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record User(int uid, int gid, List<Integer> additionalGids) {}

  public record Capabilities(
      List<String> bounding,
      List<String> effective,
      List<String> inheritable,
      List<String> permitted,
      List<String> ambient) {}

  public record Rlimit(String type, long hard, long soft) {}

  public record Root(String path, boolean readonly) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Mount(String destination, String type, String source, List<String> options) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Linux(
      List<Namespace> namespaces,
      String cgroupsPath,
      Resources resources,
      List<String> maskedPaths,
      List<String> readonlyPaths) {}

  /** A namespace to create ({@code path} null) or join. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Namespace(String type, String path) {}

  public record Resources(List<DeviceRule> devices) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {}
}
