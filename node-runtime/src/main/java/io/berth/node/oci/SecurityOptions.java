package io.berth.node.oci;

import io.berth.events.container.v1.ContainerDevice;
import io.berth.events.container.v1.ContainerSecurity;
import io.berth.oci.seccomp.DefaultSeccompProfile;
import io.berth.oci.seccomp.LinuxSeccomp;
import io.berth.oci.seccomp.SeccompProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/** Docker's semantics of --cap-add/--cap-drop, --privileged and --tmpfs, as spec fragments. */
final class SecurityOptions {
  private static final Logger LOG = Logger.getLogger(SecurityOptions.class);
  // Nodes the runtime creates itself (or that devpts/console handling owns): never copied.
  private static final Set<String> RUNTIME_DEVICES = Set.of(
      "/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty", "/dev/ptmx",
      "/dev/console");
  private static final Set<String> SKIPPED_DIRS = Set.of("/dev/pts", "/dev/shm", "/dev/mqueue");

  // Translated once per capability set for the whole node, not per container.
  private static final DefaultSeccompProfile DEFAULT_SECCOMP = new DefaultSeccompProfile();

  private SecurityOptions() {}

  /**
   * Docker's choice of filter: none when privileged or {@code seccomp=unconfined}, the given
   * profile (Docker's format, validated by container-service already), else the default profile
   * for the capabilities {@code caps} the container gets.
   */
  static LinuxSeccomp seccomp(ContainerSecurity s, List<String> caps) {
    if (s.privileged() || "unconfined".equals(s.seccomp())) {
      return null;
    }
    if (s.seccomp() != null) {
      return SeccompProfile.parse(s.seccomp())
          .toRuntime(Set.copyOf(caps), SeccompProfile.nativeArchitecture(), System.getProperty("os.version"));
    }
    return DEFAULT_SECCOMP.forCapabilities(Set.copyOf(caps));
  }

  /**
   * The capability set: Docker's default (or, privileged, every one the host has), then ALL or
   * named ones added, then dropped (a drop of ALL keeps only what was added by name); always
   * within the host's bounding set, which the runtime could not exceed.
   */
  static List<String> capabilities(ContainerSecurity s, Set<String> host) {
    Set<String> caps = new LinkedHashSet<>();
    boolean dropAll = s != null && s.capDrop().contains("ALL");
    if (s != null && (s.privileged() || s.capAdd().contains("ALL"))) {
      ContainerSecurity.LINUX_CAPABILITIES.stream().filter(host::contains).forEach(caps::add);
    } else if (!dropAll) {
      caps.addAll(DockerDefaults.CAPABILITIES);
    }
    if (s != null) {
      if (dropAll && !s.privileged() && !s.capAdd().contains("ALL")) {
        caps.clear();
      }
      s.capAdd().stream().filter(c -> !c.equals("ALL")).forEach(caps::add);
      if (!s.privileged()) {
        s.capDrop().stream().filter(c -> !s.capAdd().contains(c)).forEach(caps::remove);
      }
    }
    List<String> out = new ArrayList<>();
    for (String c : caps) {
      if (host.contains(c)) {
        out.add(c);
      } else {
        LOG.infof("capability %s is not in this node's bounding set: not granted", c);
      }
    }
    return out;
  }

  /** tmpfs mounts for {@code --tmpfs}: Docker's "rw,noexec,nosuid,nodev" unless the user says otherwise. */
  static List<RuntimeSpec.Mount> tmpfs(Map<String, String> requested) {
    List<RuntimeSpec.Mount> out = new ArrayList<>();
    requested.forEach((path, opts) -> {
      List<String> options = new ArrayList<>(List.of("rw", "noexec", "nosuid", "nodev"));
      for (String o : opts.isEmpty() ? new String[0] : opts.split(",")) {
        switch (o) {
          case "exec", "suid", "dev" -> options.remove("no" + o);
          case "ro" -> options.remove("rw");
          default -> { }
        }
        if (!options.contains(o)) {
          options.add(o);
        }
      }
      out.add(new RuntimeSpec.Mount(path, "tmpfs", "tmpfs", List.copyOf(options)));
    });
    return out;
  }

  /** Every device node under {@code dev} (a privileged container gets them all). */
  static List<RuntimeSpec.Device> hostDevices(Path dev) throws IOException {
    List<RuntimeSpec.Device> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dev)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String container = "/dev/" + dev.relativize(p);
        if (RUNTIME_DEVICES.contains(container)
            || SKIPPED_DIRS.stream().anyMatch(d -> container.equals(d) || container.startsWith(d + "/"))
            || Files.isSymbolicLink(p) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        device(p, container, LinkOption.NOFOLLOW_LINKS).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * {@code --device}: each host node (or every node under a host directory) created at its path
   * in the container, with the host's type, numbers, mode and owner; Docker's message when the
   * host has no such device.
   */
  static List<RuntimeSpec.Device> userDevices(List<ContainerDevice> requested) throws IOException {
    List<RuntimeSpec.Device> out = new ArrayList<>();
    for (ContainerDevice d : requested) {
      Path host = Path.of(d.pathOnHost());
      if (!Files.exists(host)) {
        throw new IllegalArgumentException("error gathering device information while adding custom device \""
            + d.pathOnHost() + "\": no such file or directory");
      }
      if (Files.isDirectory(host)) {
        try (Stream<Path> files = Files.walk(host)) {
          for (Path p : (Iterable<Path>) files::iterator) {
            String rel = host.relativize(p).toString();
            device(p, rel.isEmpty() ? d.pathInContainer() : d.pathInContainer() + "/" + rel).ifPresent(out::add);
          }
        }
        continue;
      }
      out.add(device(host, d.pathInContainer()).orElseThrow(() -> new IllegalArgumentException(
          "error gathering device information while adding custom device \"" + d.pathOnHost() + "\": not a device node")));
    }
    return out;
  }

  /** Cgroup rules allowing {@code devices} with their requested access, then {@code --device-cgroup-rule}s. */
  static List<RuntimeSpec.DeviceRule> deviceRules(ContainerSecurity s, List<RuntimeSpec.Device> devices) {
    List<RuntimeSpec.DeviceRule> out = new ArrayList<>();
    for (ContainerDevice d : s.devices()) {
      String prefix = d.pathInContainer();
      for (RuntimeSpec.Device dev : devices) {
        if (dev.path().equals(prefix) || dev.path().startsWith(prefix + "/")) {
          out.add(new RuntimeSpec.DeviceRule(true, dev.type(), dev.major(), dev.minor(), d.cgroupPermissions()));
        }
      }
    }
    for (String rule : s.deviceCgroupRules()) {
      String[] f = rule.split(" "); // "c 1:3 rwm", validated by container-service
      String[] nums = f[1].split(":");
      out.add(new RuntimeSpec.DeviceRule(true, f[0], nums[0].equals("*") ? null : Long.valueOf(nums[0]),
          nums[1].equals("*") ? null : Long.valueOf(nums[1]), f[2]));
    }
    return out;
  }

  private static java.util.Optional<RuntimeSpec.Device> device(Path p, String container, LinkOption... follow)
      throws IOException {
    int mode = (Integer) Files.getAttribute(p, "unix:mode", follow);
    int kind = mode & 0170000;
    if (kind != 0020000 && kind != 0060000) {
      return java.util.Optional.empty();
    }
    long rdev = (Long) Files.getAttribute(p, "unix:rdev", follow);
    long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
    long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
    return java.util.Optional.of(new RuntimeSpec.Device(container, kind == 0020000 ? "c" : "b", major, minor,
        mode & 07777, (Integer) Files.getAttribute(p, "unix:uid", follow), (Integer) Files.getAttribute(p, "unix:gid", follow)));
  }
}
