package io.berth.node.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds a container's runtime spec with Docker's defaults for a non-privileged container. */
public final class SpecBuilder {

  /** What varies per container; {@code env} entries are "KEY=value", image env first. */
  public record ContainerProcess(
      List<String> args, List<String> env, String cwd, String user, String hostname) {}

  private final UserResolver users;
  private final long nofile;

  /** {@code hostNofileHard}: the host's hard RLIMIT_NOFILE, which a container may not exceed. */
  public SpecBuilder(UserResolver users, long hostNofileHard) {
    this.users = users;
    this.nofile = Math.min(DockerDefaults.MAX_NOFILE, hostNofileHard);
  }

  /** A builder using this process's own hard RLIMIT_NOFILE. */
  public static SpecBuilder forThisHost() throws IOException {
    return new SpecBuilder(new UserResolver(), hostNofileHard());
  }

  /**
   * The spec for a container whose root filesystem is mounted at {@code rootfs}; the spec names
   * it relative to the bundle ("rootfs"), so bundles stay relocatable.
   */
  public RuntimeSpec build(String containerId, Path rootfs, ContainerProcess p) throws IOException {
    if (p.args() == null || p.args().isEmpty()) {
      throw new IllegalArgumentException("no command specified");
    }
    UserResolver.ResolvedUser user = users.resolve(rootfs, p.user());
    List<String> caps = DockerDefaults.CAPABILITIES;
    RuntimeSpec.Process process =
        new RuntimeSpec.Process(
            false,
            new RuntimeSpec.User(user.uid(), user.gid(), user.additionalGids()),
            List.copyOf(p.args()),
            env(p.env(), p.hostname(), user.home()),
            p.cwd() == null || p.cwd().isEmpty() ? "/" : p.cwd(),
            new RuntimeSpec.Capabilities(caps, caps, List.of(), caps, List.of()),
            List.of(new RuntimeSpec.Rlimit("RLIMIT_NOFILE", nofile, nofile)),
            false);
    List<RuntimeSpec.Namespace> namespaces = new ArrayList<>();
    for (String type : DockerDefaults.NAMESPACES) {
      namespaces.add(new RuntimeSpec.Namespace(type, null));
    }
    RuntimeSpec.Linux linux =
        new RuntimeSpec.Linux(
            namespaces,
            "berth/" + containerId,
            new RuntimeSpec.Resources(
                List.of(new RuntimeSpec.DeviceRule(false, null, null, null, "rwm"))),
            DockerDefaults.MASKED_PATHS,
            DockerDefaults.READONLY_PATHS);
    return new RuntimeSpec(
        RuntimeSpec.OCI_VERSION,
        process,
        new RuntimeSpec.Root("rootfs", false),
        p.hostname(),
        DockerDefaults.MOUNTS,
        linux);
  }

  /** Image/user env plus PATH, HOSTNAME and HOME defaults when missing (later entries win). */
  static List<String> env(List<String> given, String hostname, String home) {
    List<String> env = new ArrayList<>();
    if (given != null) {
      for (String kv : given) {
        String key = kv.contains("=") ? kv.substring(0, kv.indexOf('=')) : kv;
        env.removeIf(e -> e.startsWith(key + "="));
        env.add(kv);
      }
    }
    if (env.stream().noneMatch(e -> e.startsWith("PATH="))) {
      env.add(0, "PATH=" + DockerDefaults.DEFAULT_PATH);
    }
    if (hostname != null && env.stream().noneMatch(e -> e.startsWith("HOSTNAME="))) {
      env.add(1, "HOSTNAME=" + hostname);
    }
    if (env.stream().noneMatch(e -> e.startsWith("HOME="))) {
      env.add("HOME=" + home);
    }
    return List.copyOf(env);
  }

  /** The hard "Max open files" limit of this process, from /proc/self/limits. */
  static long hostNofileHard() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
      if (line.startsWith("Max open files")) {
        String[] f = line.substring("Max open files".length()).trim().split("\\s+");
        return f[1].equals("unlimited") ? DockerDefaults.MAX_NOFILE : Long.parseLong(f[1]);
      }
    }
    return 1024;
  }
}
