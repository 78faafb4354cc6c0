package io.berth.node.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.berth.events.container.v1.ContainerMount;
import io.berth.events.container.v1.ContainerResources;
import io.berth.events.container.v1.ContainerSecurity;

/** Builds a container's runtime spec with Docker's defaults for a non-privileged container. */
public final class SpecBuilder {

  /**
   * What varies per container; {@code env} entries are "KEY=value", image env first; {@code
   * resources} and {@code security} may be null (no limits, Docker's default security).
   */
  public record ContainerProcess(
      List<String> args,
      List<String> env,
      String cwd,
      String user,
      String hostname,
      ContainerResources resources,
      ContainerSecurity security,
      List<ContainerMount> mounts,
      ProcessStdio stdio) {
    public ContainerProcess {
      mounts = mounts == null ? List.of() : List.copyOf(mounts);
      stdio = stdio == null ? ProcessStdio.NONE : stdio;
    }

    public ContainerProcess(
        List<String> args, List<String> env, String cwd, String user, String hostname,
        ContainerResources resources, ContainerSecurity security, List<ContainerMount> mounts) {
      this(args, env, cwd, user, hostname, resources, security, mounts, ProcessStdio.NONE);
    }

    public ContainerProcess(
        List<String> args, List<String> env, String cwd, String user, String hostname,
        ContainerResources resources, ContainerSecurity security) {
      this(args, env, cwd, user, hostname, resources, security, List.of());
    }

    public ContainerProcess(List<String> args, List<String> env, String cwd, String user, String hostname) {
      this(args, env, cwd, user, hostname, null, null, List.of());
    }
  }

  /** Where the host side of a bind mount or volume is (volumes live on the node's disk). */
  public interface MountSources {
    /** The host path to mount for {@code m}, made ready; {@code rootfs} is the mounted root. */
    Path source(ContainerMount m, Path rootfs) throws IOException;
  }

  /** Where {@code --init}'s binary appears inside the container (Docker's path). */
  static final String INIT_PATH = "/sbin/docker-init";

  private final UserResolver users;
  private final HostLimits host;
  private final Path devDir;
  private final Path initBinary;
  private MountSources sources = (m, rootfs) -> {
    throw new IllegalArgumentException("this node has no volume store for " + m.destination());
  };

  /** {@code hostNofileHard}: the host's hard RLIMIT_NOFILE, which a container may not exceed. */
  public SpecBuilder(UserResolver users, long hostNofileHard) {
    this(users, new HostLimits(Map.of("RLIMIT_NOFILE", hostNofileHard),
        new java.util.HashSet<>(DockerDefaults.CAPABILITIES)), Path.of("/dev"), null);
  }

  /**
   * {@code devDir}: the host's /dev (privileged containers get its devices); {@code initBinary}: a
   * static init bind-mounted for {@code --init}, null when the node has none.
   */
  public SpecBuilder(UserResolver users, HostLimits host, Path devDir, Path initBinary) {
    this.users = users;
    this.host = host;
    this.devDir = devDir;
    this.initBinary = initBinary;
  }

  /** A builder with this process's own limits and bounding set, and a static tini if installed. */
  public static SpecBuilder forThisHost() throws IOException {
    Path init = null;
    for (String candidate : INIT_CANDIDATES) {
      if (Files.isExecutable(Path.of(candidate))) {
        init = Path.of(candidate);
        break;
      }
    }
    return new SpecBuilder(new UserResolver(), HostLimits.ofThisProcess(), Path.of("/dev"), init);
  }

  /** Uses {@code sources} for the host side of mounts (the node's volume store). */
  public SpecBuilder withMountSources(MountSources sources) {
    this.sources = sources;
    return this;
  }

  // Static builds only: the binary runs inside arbitrary images (Debian's tini package has one).
  private static final List<String> INIT_CANDIDATES =
      List.of("/usr/bin/tini-static", "/usr/libexec/docker/docker-init");

  /**
   * The spec for a container whose root filesystem is mounted at {@code rootfs}; the spec names
   * it relative to the bundle ("rootfs"), so bundles stay relocatable.
   */
  public RuntimeSpec build(String containerId, Path rootfs, ContainerProcess p) throws IOException {
    if (p.args() == null || p.args().isEmpty()) {
      throw new IllegalArgumentException("no command specified");
    }
    ContainerSecurity sec = p.security() == null ? ContainerSecurity.defaults() : p.security();
    UserResolver.ResolvedUser user = users.resolve(rootfs, p.user());
    List<String> caps = SecurityOptions.capabilities(sec, host.capabilities());
    List<String> args = new ArrayList<>();
    List<RuntimeSpec.Mount> mounts = mounts(sec, p.resources());
    if (sec.init()) {
      if (initBinary == null) {
        throw new IllegalArgumentException(
            "--init needs a static init on the node: install Debian's tini package (/usr/bin/tini-static)");
      }
      args.addAll(List.of(INIT_PATH, "--"));
      mounts.add(new RuntimeSpec.Mount(INIT_PATH, "bind", initBinary.toString(), List.of("bind", "ro", "nosuid", "nodev")));
    }
    args.addAll(p.args());
    // Parents before children (Docker sorts by destination), after the defaults they may cover.
    List<ContainerMount> ordered = new ArrayList<>(p.mounts());
    ordered.sort(java.util.Comparator.comparingInt(m -> m.destination().split("/").length));
    for (ContainerMount m : ordered) {
      Path source = sources.source(m, rootfs);
      mounts.removeIf(existing -> existing.destination().equals(m.destination()));
      mounts.add(new RuntimeSpec.Mount(m.destination(), "bind", source.toString(),
          List.of("rbind", m.readOnly() ? "ro" : "rw", "rprivate")));
    }
    RuntimeSpec.Process process =
        new RuntimeSpec.Process(
            p.stdio().tty(),
            new RuntimeSpec.User(user.uid(), user.gid(), user.additionalGids()),
            List.copyOf(args),
            p.stdio().tty() ? withTerm(env(p.env(), p.hostname(), user.home())) : env(p.env(), p.hostname(), user.home()),
            p.cwd() == null || p.cwd().isEmpty() ? "/" : p.cwd(),
            new RuntimeSpec.Capabilities(caps, caps, List.of(), caps, List.of()),
            LinuxResources.rlimits(p.resources(), host),
            sec.noNewPrivileges(),
            consoleSize(p.stdio()));
    List<RuntimeSpec.Namespace> namespaces = new ArrayList<>();
    for (String type : DockerDefaults.NAMESPACES) {
      namespaces.add(new RuntimeSpec.Namespace(type, null));
    }
    // Privileged: every device, no masked or read-only paths (Docker's --privileged); --device
    // nodes are added to either, each allowed in the device cgroup with its requested access.
    List<RuntimeSpec.Device> userDevices = SecurityOptions.userDevices(sec.devices());
    List<RuntimeSpec.DeviceRule> deviceRules = new ArrayList<>();
    deviceRules.add(new RuntimeSpec.DeviceRule(sec.privileged(), null, null, null, "rwm"));
    deviceRules.addAll(SecurityOptions.deviceRules(sec, userDevices));
    List<RuntimeSpec.Device> devices = new ArrayList<>(sec.privileged() ? SecurityOptions.hostDevices(devDir) : List.of());
    devices.removeIf(d -> userDevices.stream().anyMatch(u -> u.path().equals(d.path())));
    devices.addAll(userDevices);
    RuntimeSpec.Linux linux =
        new RuntimeSpec.Linux(
            namespaces,
            MemoryCgroup.pathOf(containerId),
            LinuxResources.resources(p.resources(), deviceRules),
            sec.privileged() ? null : DockerDefaults.MASKED_PATHS,
            sec.privileged() ? null : DockerDefaults.READONLY_PATHS,
            devices.isEmpty() ? null : devices,
            SecurityOptions.seccomp(sec, caps));
    return new RuntimeSpec(
        RuntimeSpec.OCI_VERSION,
        process,
        new RuntimeSpec.Root("rootfs", sec.readonlyRootfs()),
        p.hostname(),
        mounts,
        linux);
  }

  // Docker's mounts; /dev/shm sized by --shm-size, /sys and cgroups writable when privileged,
  // then --tmpfs mounts (replacing a default mount at the same place).
  private static List<RuntimeSpec.Mount> mounts(ContainerSecurity sec, ContainerResources r) {
    List<RuntimeSpec.Mount> mounts = new ArrayList<>();
    for (RuntimeSpec.Mount m : DockerDefaults.MOUNTS) {
      if (m.destination().equals("/dev/shm") && r != null && r.shmSizeBytes() != null) {
        List<String> options = new ArrayList<>(m.options());
        options.removeIf(o -> o.startsWith("size="));
        options.add("size=" + r.shmSizeBytes());
        m = new RuntimeSpec.Mount(m.destination(), m.type(), m.source(), List.copyOf(options));
      }
      if (sec.privileged() && (m.type().equals("sysfs") || m.type().equals("cgroup"))) {
        List<String> options = new ArrayList<>(m.options());
        options.remove("ro");
        options.add(0, "rw");
        m = new RuntimeSpec.Mount(m.destination(), m.type(), m.source(), List.copyOf(options));
      }
      if (!sec.tmpfs().containsKey(m.destination())) {
        mounts.add(m);
      }
    }
    mounts.addAll(SecurityOptions.tmpfs(sec.tmpfs()));
    return mounts;
  }

  // runc sizes the terminal before the process runs: `stty size` is right from the first prompt.
  private static RuntimeSpec.ConsoleSize consoleSize(ProcessStdio stdio) {
    return stdio.tty() && stdio.consoleHeight() > 0 && stdio.consoleWidth() > 0
        ? new RuntimeSpec.ConsoleSize(stdio.consoleHeight(), stdio.consoleWidth()) : null;
  }

  /** Docker sets TERM=xterm for a process with a terminal unless the user set TERM. */
  static List<String> withTerm(List<String> env) {
    if (env.stream().anyMatch(e -> e.startsWith("TERM="))) {
      return env;
    }
    List<String> out = new ArrayList<>(env);
    out.add(Math.min(2, out.size()), "TERM=xterm");
    return List.copyOf(out);
  }

  /** Image/user env plus PATH, HOSTNAME and HOME defaults when missing (later entries win). */
  public static List<String> env(List<String> given, String hostname, String home) {
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
}
